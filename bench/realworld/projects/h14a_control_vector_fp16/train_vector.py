# source: https://github.com/vgel/repeng/issues/30
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, top-level
# bug-lines: 40, 42
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import dataclasses
import json

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from extract import read_representations

MODEL_NAME = "mistralai/Mistral-7B-Instruct-v0.1"
TEMPLATE = "[INST] Act as if you're extremely {persona}. [/INST] "


@dataclasses.dataclass
class DatasetEntry:
    positive: str
    negative: str


def make_dataset(positive_persona, negative_persona, suffixes):
    return [
        DatasetEntry(
            positive=TEMPLATE.format(persona=positive_persona) + suffix,
            negative=TEMPLATE.format(persona=negative_persona) + suffix,
        )
        for suffix in suffixes
    ]


def main():
    tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)
    tokenizer.pad_token_id = 0
    tokenizer.padding_side = "left"
    model = AutoModelForCausalLM.from_pretrained(MODEL_NAME, torch_dtype=torch.float16)
    device = "cuda:0" if torch.cuda.is_available() else "mps" if torch.backends.mps.is_available() else "cpu"
    model = model.to(device)

    with open("data/all_truncated_outputs.json") as f:
        suffixes = json.load(f)
    dataset = make_dataset("happy", "sad", suffixes)

    directions = read_representations(model, tokenizer, dataset, hidden_layers=list(range(-5, -18, -1)))
    torch.save({layer: torch.from_numpy(vec) for layer, vec in directions.items()}, "happy_vector.pt")
    print(f"saved {len(directions)} layer directions")


if __name__ == "__main__":
    main()
