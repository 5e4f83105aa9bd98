# source: https://github.com/onnx/turnkeyml/pull/270
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: stale-alias
# shape: multi-file, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
"""DocVQA-style examples (question + OCR words/boxes) for an extractive layout QA model."""
import json

import torch
from torch.utils.data import Dataset


class DocVQAExamples(Dataset):
    def __init__(self, path):
        with open(path) as fh:
            self.items = [json.loads(line) for line in fh]

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]


def normalize_box(box, width, height):
    x0, y0, x1, y1 = box
    return [int(1000 * x0 / width), int(1000 * y0 / height),
            int(1000 * x1 / width), int(1000 * y1 / height)]


class LayoutQACollator:
    def __init__(self, tokenizer, max_len=512):
        self.tok = tokenizer
        self.max_len = max_len

    def __call__(self, examples):
        enc = self.tok([e["question"].split() for e in examples], [e["words"] for e in examples],
                       is_split_into_words=True, truncation="only_second", padding="max_length",
                       max_length=self.max_len, return_tensors="pt")
        boxes = torch.zeros(len(examples), self.max_len, 4, dtype=torch.long)
        for b, e in enumerate(examples):
            norm = [normalize_box(bx, e["width"], e["height"]) for bx in e["boxes"]]
            for t, w in enumerate(enc.word_ids(b)):
                if w is not None and enc.sequence_ids(b)[t] == 1:
                    boxes[b, t] = torch.tensor(norm[w])
        return {
            "input_ids": enc["input_ids"],
            "attention_mask": enc["attention_mask"],
            "token_type_ids": enc["token_type_ids"],
            "bbox": boxes,
            "example_ids": [e["id"] for e in examples],
        }
