"""Settings the Hub benchmarks' clients need, applied on import: import this before huggingface_hub.

The clients read them once, when huggingface_hub is first imported, so they cannot be passed later; one
module holds them for every Hub benchmark.
"""

import os

os.environ["HF_HUB_DISABLE_XET"] = "1"  # the local Hub has no Xet storage (see localhub.process.hub_environment)
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
