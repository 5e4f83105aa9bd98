# source: https://github.com/huggingface/transformers/issues/10040
# error: RuntimeError: "threshold_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, top-level
# bug-lines: 35, 36
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Evaluate a generative document-QA model on OCR'd pages (question + page text -> answer)."""
import argparse
import json

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("model_name")
    p.add_argument("eval_file", help="jsonl with question, ocr_text, answers")
    p.add_argument("--device", default="cpu")
    p.add_argument("--fp16", action="store_true")
    p.add_argument("--bs", type=int, default=8)
    p.add_argument("--max_source_len", type=int, default=512)
    return p.parse_args()


def build_prompt(example):
    return f"question: {example['question']} context: {example['ocr_text']}"


def load_model(name, device, fp16):
    tokenizer = AutoTokenizer.from_pretrained(name)
    model = AutoModelForSeq2SeqLM.from_pretrained(name)
    if fp16:
        model = model.half()
    model = model.to(device).eval()
    return tokenizer, model


def anls_hit(pred, answers):
    pred = pred.strip().lower()
    return float(any(pred == a.strip().lower() for a in answers))


def main():
    args = parse_args()
    tokenizer, model = load_model(args.model_name, args.device, args.fp16)
    with open(args.eval_file) as fh:
        examples = [json.loads(line) for line in fh]
    hits = []
    for i in range(0, len(examples), args.bs):
        chunk = examples[i:i + args.bs]
        enc = tokenizer([build_prompt(e) for e in chunk], max_length=args.max_source_len,
                        truncation=True, padding=True, return_tensors="pt").to(args.device)
        with torch.no_grad():
            out = model.generate(**enc, max_new_tokens=32, num_beams=4)
        preds = tokenizer.batch_decode(out, skip_special_tokens=True)
        hits += [anls_hit(p, e["answers"]) for p, e in zip(preds, chunk)]
    print(json.dumps({"exact_match": sum(hits) / max(len(hits), 1)}))


if __name__ == "__main__":
    main()
