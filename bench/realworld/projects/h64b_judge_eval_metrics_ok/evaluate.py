# source: https://github.com/pytorch/ignite/issues/1198
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, loader-loop, batch-dict
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, transformers
# cpu: no written where torch was not installed; not run
import json

import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from metrics import expected_calibration_error, perplexity, summarize_confusion, update_confusion

LABELS = ["worse", "tie", "better"]


@torch.no_grad()
def evaluate(model, tok, rows, device, batch_size=16):
    model.eval()
    cm = torch.zeros(len(LABELS), len(LABELS), dtype=torch.long, device=device)
    all_probs, all_labels, nll_sum, n = [], [], 0.0, 0
    loader = DataLoader(rows, batch_size=batch_size, collate_fn=lambda b: b)
    for chunk in loader:
        enc = tok([r["text"] for r in chunk], padding=True, truncation=True, return_tensors="pt")
        enc = {k: v.to(device) for k, v in enc.items()}
        labels = torch.tensor([r["label"] for r in chunk], device=device)
        logits = model(**enc).logits.float()
        nll_sum += F.cross_entropy(logits, labels, reduction="sum").item()
        n += labels.numel()
        cm = update_confusion(cm, logits.argmax(-1), labels)
        all_probs.append(logits.softmax(-1).detach().cpu())
        all_labels.append(labels.cpu())
    probs = torch.cat(all_probs).numpy()
    gold = torch.cat(all_labels).numpy()
    return {"per_class": summarize_confusion(cm, LABELS),
            "accuracy": float((probs.argmax(1) == gold).mean()),
            "label_ppl": perplexity(nll_sum, n),
            "ece": expected_calibration_error(probs, gold)}


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    name = "my-org/judge-deberta-v3"
    tok = AutoTokenizer.from_pretrained(name)
    model = AutoModelForSequenceClassification.from_pretrained(name, num_labels=len(LABELS)).to(device)
    rows = [json.loads(line) for line in open("judge_eval.jsonl")]
    report = evaluate(model, tok, rows, device)
    print(json.dumps(report, indent=2))
    np.save("judge_eval_summary.npy", np.array([report["accuracy"], report["ece"]]))
