"""The local Hub: an offline server that speaks the Hugging Face Hub HTTP protocol.

The real, unmodified clients (huggingface_hub and the ``hf`` CLI, transformers, datasets) talk to it through
``HF_ENDPOINT``, so a class can practise publishing models and datasets without internet access.

One job per module (see docs/hub-design.md):

- ``storage``: bare git repositories on disk, atomic commits;
- ``lfs``: the sha256-keyed LFS content store and signed upload URLs;
- ``auth``: users, organisations and tokens (a class roster or the self-study learner);
- ``cards``: README front matter, metadata validation, pipeline_tag / library_name inference;
- ``errors``: ``HubError`` and the headers/body the clients parse;
- ``app`` / ``server``: the Starlette application and ``dcai hub serve``.

Nothing is imported here on purpose: ``import dcai_labs.hub.cards`` must not pull in the web stack.
"""
