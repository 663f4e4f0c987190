"""localhub: an offline server that speaks the Hugging Face Hub HTTP protocol.

The real, unmodified clients (huggingface_hub and the ``hf`` CLI, transformers, datasets) talk to it through
``HF_ENDPOINT``, so a class can practise publishing models and datasets without internet access. It is a
product of its own: it imports nothing from the course that ships it (``dcai_labs``), which uses it only
through :mod:`localhub.process` (start a Hub) and :mod:`localhub.client`.

One job per module (see docs/localhub-design.md):

- ``storage``: bare git repositories on disk, atomic commits, branches, tags, diffs;
- ``discussions``: discussion and pull-request records;
- ``lfs``: the sha256-keyed LFS content store and signed upload URLs;
- ``auth``: users, organisations and tokens (a class roster or the default learner); ``access``: who is calling
  and what they may do; ``sessions``: browser sign-in;
- ``cards``: README front matter, metadata validation, pipeline_tag / library_name inference;
- ``errors``: ``HubError`` and the headers/body the clients parse;
- ``app``: the Starlette application over ``routes`` (the route table, errors to responses), ``hub`` (shared
  state), ``web`` (request plumbing), ``views`` (a repo at a revision) and ``wire`` (the JSON shapes);
- ``api/``: the API's handlers by resource; ``pages/``: the web pages; ``git_http``: git over HTTP;
  ``inference``: the Inference API;
- ``server``: bind and serve with uvicorn; ``cli``: the ``localhub`` command;
- ``process``: run a Hub as a child process (``HubProcess``, ``ThrowawayHub``) and the client environment;
- ``client``: the one endpoint huggingface_hub has no method for (a diff of two revisions).

Nothing is imported here on purpose: ``import localhub.cards`` must not pull in the web stack.
"""

__version__ = "0.2.0"
