"""The course's grading machinery: thin, explicit wrappers around nbgrader's own commands.

- ``nbgrader_cli`` / ``nbgrader_batch``: run nbgrader commands against a course directory with the course's
  config, several in one child process (nbgrader's imports cost seconds);
- ``release``: regenerate the student notebooks in notebooks/ from source/;
- ``submissions``: build submissions (the reference solution as a learner would save it);
- ``gradebook``: read scores back from the gradebook as plain dataclasses;
- ``lab_hub``: a fresh local Hub per learner for labs that need one, and the kernel's environment;
- ``hub_execute``: nbgrader's Execute step with that Hub and the sandbox, so plain ``nbgrader autograde`` grades
  Hub labs too, and every graded kernel is sandboxed; ``CapOutputBytes`` bounds outputs in bytes;
- ``sandbox``: bubblewrap as ``nobody``, read-only environment, no network, limits (docs/grading-security.md);
- ``sandboxed_kernel``: the kernel manager that starts kernels in it (ZeroMQ over Unix sockets);
- ``relay``: the sandbox's one way out, to its grading Hub, over a Unix socket;
- ``autograde``: autograde and write feedback for a lab's submissions (``dcai autograde``);
- ``check``: self-study grading of one notebook in a throw-away course directory (``dcai check``);
- ``demo``: the instructor pipeline end to end (release, collect, autograde, feedback, export);
- ``notebook_checks``: structural checks of a lab's notebooks (metadata, ids, leaks);
- ``validity``: grader validity, i.e. wrong implementations fail and alternative right ones pass.
"""
