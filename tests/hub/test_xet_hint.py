"""A learner whose Python has hf_xet and no HF_HUB_DISABLE_XET: the upload fails with the fix in the message.

huggingface_hub sends uploads through hf_xet whenever it is installed, without asking the server, and this Hub
has no Xet storage. The failure cannot be avoided from the server, but it can say what to do.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

UPLOAD = textwrap.dedent("""
    import os, sys
    from huggingface_hub import HfApi
    api = HfApi()
    api.create_repo(sys.argv[1])
    try:
        api.upload_file(path_or_fileobj=os.urandom(11_000_000), path_in_repo="w.bin", repo_id=sys.argv[1])
    except Exception as e:
        print("FAILED:", e)
    else:
        print("UPLOADED")
""")


def test_an_upload_through_xet_names_the_variable_that_fixes_it(hub, repo_name, tmp_path):
    pytest.importorskip("hf_xet", reason="only a Python with hf_xet takes the Xet path")
    env = hub.env("ada", hf_home=tmp_path / "hf-home")
    env.pop("HF_HUB_DISABLE_XET")
    r = subprocess.run([sys.executable, "-c", UPLOAD, f"ada/{repo_name}"], capture_output=True, text=True, env=env,
                       timeout=120)  # fmt: skip
    assert "FAILED:" in r.stdout and "HF_HUB_DISABLE_XET=1" in r.stdout, r.stdout[-2000:] + r.stderr[-2000:]
    env["HF_HUB_DISABLE_XET"] = "1"  # and with the variable set, the same upload works
    r = subprocess.run([sys.executable, "-c", UPLOAD.replace("api.create_repo(sys.argv[1])", ""), f"ada/{repo_name}"],
                       capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
    assert "UPLOADED" in r.stdout, r.stdout[-2000:] + r.stderr[-2000:]


def test_the_hint_page_says_it_in_words(hub):
    import requests

    r = requests.get(f"{hub.url}/api/models/ada/anything/xet-write-token/main", allow_redirects=True, timeout=10)
    assert r.status_code == 404 and "HF_HUB_DISABLE_XET=1" in r.json()["error"]
