# source: https://github.com/huggingface/transformers/issues/47805
# error: RuntimeError: Input type (float) and bias type (c10::Half) should be the same
# pattern: input-dtype-mismatch
# shape: loader-loop, batch-dict, helper
# bug-lines: 40, 42
# needs: torch, transformers, datasets
# cpu: no written where torch was not installed; not run
"""Batch speech translation (X -> English) of a CoVoST-style split with Whisper in fp16."""
import csv

import torch
from datasets import Audio, load_dataset
from torch.utils.data import DataLoader
from transformers import WhisperForConditionalGeneration, WhisperProcessor

MODEL_ID = "openai/whisper-large-v3"
device = torch.device("cuda")

processor = WhisperProcessor.from_pretrained(MODEL_ID)
model = WhisperForConditionalGeneration.from_pretrained(MODEL_ID, torch_dtype=torch.float16)
model.to(device).eval()


def collate(examples):
    arrays = [ex["audio"]["array"] for ex in examples]
    feats = processor.feature_extractor(arrays, sampling_rate=16000, return_tensors="pt")
    return {
        "input_features": feats.input_features,
        "ids": [ex["id"] for ex in examples],
        "references": [ex["translation"] for ex in examples],
    }


def translate_split(split, batch_size=16):
    ds = load_dataset("facebook/covost2", "de_en", split=split)
    ds = ds.cast_column("audio", Audio(sampling_rate=16000))
    loader = DataLoader(ds, batch_size=batch_size, collate_fn=collate, num_workers=4)
    rows = []
    for batch in loader:
        input_features = batch["input_features"].to(device)
        with torch.no_grad():
            generated = model.generate(
                input_features=input_features, task="translate", language="de", max_new_tokens=225
            )
        hyps = processor.batch_decode(generated, skip_special_tokens=True)
        rows.extend(zip(batch["ids"], hyps, batch["references"]))
    return rows


if __name__ == "__main__":
    results = translate_split("validation")
    with open("covost_de_en_whisper.tsv", "w", newline="") as f:
        writer = csv.writer(f, delimiter="\t")
        writer.writerow(["id", "hypothesis", "reference"])
        writer.writerows(results)
