# source: https://github.com/RajKKapadia/Transformers-Text-Classification-BERT-Blog/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper__index_select)
# pattern: module-not-placed
# shape: helper, multi-file
# bug-lines: 25
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Loading the fine-tuned sentiment classifier saved by train.py (trainer.save_model)."""
import json
import os

import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def load_label_map(run_dir):
    with open(os.path.join(run_dir, "label_map.json")) as f:
        return {int(k): v for k, v in json.load(f).items()}


def load_classifier(run_dir):
    tokenizer = AutoTokenizer.from_pretrained(run_dir)
    model = AutoModelForSequenceClassification.from_pretrained(run_dir)
    model.eval()
    return tokenizer, model
