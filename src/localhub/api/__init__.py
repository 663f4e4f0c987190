"""The Hub's HTTP API, one module per resource; routes.py maps URLs to these handlers.

Each handler is ``async def name(request) -> Response``: it reads its parameters (web.param, web.repo_of), asks
the access policy (hub.access), calls the stores, and shapes the answer with wire.py. Errors are raised as
``errors.HubError`` and turned into responses in one place (routes.py).
"""
