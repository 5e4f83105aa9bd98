# source: https://github.com/microsoft/unilm/issues/489
# error: RuntimeError: "pow" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, loader-loop
# looks-like: half-on-cpu
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Batch reading-order prediction; half precision is only used when the decoder sits on a GPU."""
import argparse
import json

import torch
from torch.utils.data import DataLoader
from transformers import AutoTokenizer, LayoutLMForTokenClassification


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--model_path", required=True)
    p.add_argument("--pages", required=True)
    p.add_argument("--fp16", action="store_true")
    p.add_argument("--batch_size", type=int, default=16)
    return p.parse_args()


def encode_pages(path, tokenizer, max_len=512):
    items = []
    with open(path) as f:
        for line in f:
            page = json.loads(line)
            enc = tokenizer(page["words"], is_split_into_words=True, truncation=True,
                            max_length=max_len, padding="max_length")
            boxes = [[0, 0, 0, 0] if w is None else page["boxes"][w] for w in enc.word_ids()]
            items.append({"input_ids": torch.tensor(enc["input_ids"]),
                          "attention_mask": torch.tensor(enc["attention_mask"]),
                          "bbox": torch.tensor(boxes)})
    return items


def load_decoder(model_path, device, fp16):
    model = LayoutLMForTokenClassification.from_pretrained(model_path).to(device)
    if fp16 and device.type == "cuda":
        model = model.half()
    elif fp16:
        print("fp16 requested but no GPU found; decoding in float32")
    return model.eval()


def main():
    args = parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = AutoTokenizer.from_pretrained(args.model_path)
    model = load_decoder(args.model_path, device, args.fp16)
    loader = DataLoader(encode_pages(args.pages, tokenizer), batch_size=args.batch_size)
    with torch.no_grad():
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            order = model(**batch).logits.argmax(-1)
            print(json.dumps(order.cpu().tolist()))


if __name__ == "__main__":
    main()
