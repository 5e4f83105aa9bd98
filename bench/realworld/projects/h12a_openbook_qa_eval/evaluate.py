# source: https://github.com/allenai/OpenBookQA/pull/5
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, loader-loop
# bug-lines: 43
# needs: torch
# cpu: no written where torch was not installed; not run
import json

import torch


def pad_ids(seqs, pad=0):
    length = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), length), pad, dtype=torch.long)
    for k, s in enumerate(seqs):
        ids[k, :len(s)] = torch.tensor(s, dtype=torch.long)
    return ids, ids != pad


def make_batches(instances, batch_size):
    for start in range(0, len(instances), batch_size):
        chunk = instances[start:start + batch_size]
        question, question_mask = pad_ids([x["question"] for x in chunk])
        flat = [c for x in chunk for c in x["choices"]]
        choices, choices_mask = pad_ids(flat)
        n = len(chunk[0]["choices"])
        yield {
            "question": question,
            "question_mask": question_mask,
            "choices": choices.view(len(chunk), n, -1),
            "choices_mask": choices_mask.view(len(chunk), n, -1),
            "label": torch.tensor([x["answer"] for x in chunk]),
        }, [x["id"] for x in chunk]


def evaluate(model, instances, batch_size=32, output_file=None):
    model.eval()
    correct, total, loss_sum = 0, 0, 0.0
    records = []
    with torch.no_grad():
        for batch, ids in make_batches(instances, batch_size):
            output = model(**batch)
            pred = output["label_probs"].argmax(-1)
            correct += (pred == batch["label"]).sum().item()
            total += len(ids)
            loss_sum += output["loss"].item() * len(ids)
            for qid, p in zip(ids, output["label_probs"].tolist()):
                records.append({"id": qid, "label_probs": p})
    if output_file:
        with open(output_file, "w") as f:
            f.writelines(json.dumps(r) + "\n" for r in records)
    return {"accuracy": correct / max(total, 1), "loss": loss_sum / max(total, 1)}
