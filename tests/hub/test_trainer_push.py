"""transformers' fine-tune-and-share flow against the real server: ``Trainer(push_to_hub=True)``.

The Trainer writes its own model card, whose ``model-index`` has ``results: []`` until an evaluation has been
logged; huggingface.co accepts that card, so the local Hub must too, or nothing is uploaded.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

TRAINER_SCRIPT = textwrap.dedent("""
    import sys

    import torch
    from huggingface_hub import HfApi, ModelCard
    from transformers import (AutoConfig, AutoModelForSequenceClassification, Trainer, TrainingArguments)

    repo, out = sys.argv[1], sys.argv[2]
    torch.manual_seed(0)
    config = AutoConfig.for_model("bert", vocab_size=64, hidden_size=8, num_hidden_layers=1, num_attention_heads=2,
                                  intermediate_size=16, max_position_embeddings=16, num_labels=2)
    model = AutoModelForSequenceClassification.from_config(config)

    class Tiny(torch.utils.data.Dataset):
        def __len__(self):
            return 8

        def __getitem__(self, i):
            return {"input_ids": torch.tensor([1, 2 + i, 3]), "attention_mask": torch.ones(3, dtype=torch.long),
                    "labels": torch.tensor(i % 2)}

    args = TrainingArguments(output_dir=out, push_to_hub=True, hub_model_id=repo, num_train_epochs=1,
                             per_device_train_batch_size=4, report_to=[], save_strategy="no", use_cpu=True,
                             disable_tqdm=True, logging_strategy="no")
    trainer = Trainer(model=model, args=args, train_dataset=Tiny())
    trainer.train()
    trainer.push_to_hub(commit_message="End of training")

    api = HfApi()
    files = set(api.list_repo_files(repo))
    assert {"config.json", "model.safetensors", "README.md"} <= files, files
    card = ModelCard.load(repo)
    assert card.data.to_dict()["model-index"][0]["results"] == [], card.data.to_dict()
    assert api.list_repo_commits(repo)[0].title == "End of training"
    back = AutoModelForSequenceClassification.from_pretrained(repo)
    assert all(torch.equal(a, b) for a, b in zip(back.state_dict().values(), model.state_dict().values()))
    print("OK")
""")


def test_trainer_push_to_hub_with_its_own_card(hub, repo_name, tmp_path):
    script = tmp_path / "train.py"
    script.write_text(TRAINER_SCRIPT)
    r = subprocess.run(
        [sys.executable, str(script), f"ada/{repo_name}", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=hub.env("ada", hf_home=tmp_path / "hf-home"),
        timeout=300,
    )
    assert r.returncode == 0 and "OK" in r.stdout, r.stdout[-3000:] + r.stderr[-6000:]
