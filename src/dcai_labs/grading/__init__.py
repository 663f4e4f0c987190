"""The course's grading machinery: thin, explicit wrappers around nbgrader's own commands.

- ``nbgrader_cli``: run one nbgrader command against a course directory, with the course's config;
- ``release``: regenerate the student notebooks in notebooks/ from source/;
- ``submissions``: build submissions (the reference solution as a learner would save it);
- ``gradebook``: read scores back from the gradebook as plain dataclasses;
- ``check``: self-study grading of one notebook in a throw-away course directory;
- ``demo``: the instructor pipeline end to end (release, collect, autograde, feedback, export);
- ``notebook_checks``: structural checks of a lab's notebooks (metadata, ids, leaks);
- ``validity``: grader validity, i.e. wrong implementations fail and alternative right ones pass.
"""
