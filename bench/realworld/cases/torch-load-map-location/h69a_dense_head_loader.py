# source: https://github.com/huggingface/sentence-transformers/issues/140
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# bug-lines: 37
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Load a fine-tuned sentence-embedding pipeline (encoder + dense projection) for the search API."""
import json
import os

import torch
import torch.nn as nn
from transformers import AutoModel, AutoTokenizer


class DenseProjection(nn.Module):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        self.linear = nn.Linear(in_features, out_features, bias=bias)
        self.config = {"in_features": in_features, "out_features": out_features, "bias": bias}

    def forward(self, sentence_embedding):
        return torch.tanh(self.linear(sentence_embedding))

    def save(self, output_path):
        os.makedirs(output_path, exist_ok=True)
        with open(os.path.join(output_path, "config.json"), "w") as f:
            json.dump(self.config, f)
        torch.save(self.state_dict(), os.path.join(output_path, "pytorch_model.bin"))

    @staticmethod
    def load(input_path):
        with open(os.path.join(input_path, "config.json")) as f:
            config = json.load(f)
        model = DenseProjection(**config)
        model.load_state_dict(torch.load(os.path.join(input_path, "pytorch_model.bin")))
        return model


def load_pipeline(model_dir, device="cpu"):
    with open(os.path.join(model_dir, "modules.json")) as f:
        modules = json.load(f)
    encoder_dir = os.path.join(model_dir, modules[0]["path"])
    tokenizer = AutoTokenizer.from_pretrained(encoder_dir)
    encoder = AutoModel.from_pretrained(encoder_dir).to(device).eval()
    dense = DenseProjection.load(os.path.join(model_dir, modules[2]["path"])).to(device).eval()
    return tokenizer, encoder, dense


@torch.no_grad()
def encode(texts, tokenizer, encoder, dense):
    batch = tokenizer(texts, padding=True, truncation=True, return_tensors="pt")
    hidden = encoder(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    pooled = (hidden * mask).sum(1) / mask.sum(1)
    return dense(pooled)


if __name__ == "__main__":
    # the model was fine-tuned on the GPU box; the search API runs on CPU-only nodes
    tok, enc, dense = load_pipeline("/srv/models/distiluse-multilingual-ft", device="cpu")
    print(encode(["Wie spät ist es?", "What time is it?"], tok, enc, dense).shape)
