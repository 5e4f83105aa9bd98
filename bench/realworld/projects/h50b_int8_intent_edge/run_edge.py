# source: https://github.com/AutoGPTQ/AutoGPTQ/issues/60
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, loader-loop
# bug-lines: 38, 39
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

from quant_linear import quantize_model


class IntentClassifier(nn.Module):
    def __init__(self, vocab_size, dim=256, num_labels=24):
        super().__init__()
        self.embed = nn.EmbeddingBag(vocab_size, dim, mode="mean")
        self.proj = nn.Linear(dim, dim)
        self.head = nn.Linear(dim, num_labels)

    def forward(self, input_ids):
        h = torch.relu(self.proj(self.embed(input_ids)))
        return self.head(h)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default="intent_fp32.pt")
    parser.add_argument("--tokens", default="eval_tokens.pt")
    args = parser.parse_args()

    device = torch.device("cpu")  # target is the ARM edge box, no accelerator
    model = IntentClassifier(vocab_size=32000)
    model.load_state_dict(torch.load(args.ckpt, map_location="cpu"))
    qmodel = quantize_model(model.eval(), compute_dtype=torch.float16)
    qmodel.to(device)

    ids, labels = torch.load(args.tokens)
    loader = DataLoader(TensorDataset(ids, labels), batch_size=32)
    correct = 0
    with torch.inference_mode():
        for input_ids, y in loader:
            logits = qmodel(input_ids.to(device))
            correct += (logits.argmax(-1) == y).sum().item()
    print(f"int8 accuracy: {correct / len(ids):.4f}")
    torch.save(qmodel.state_dict(), "intent_int8.pt")


if __name__ == "__main__":
    main()
