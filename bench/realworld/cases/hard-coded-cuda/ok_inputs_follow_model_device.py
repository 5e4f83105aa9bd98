# source: https://github.com/thunlp/OpenPrompt/pull/161 https://github.com/Xilinx/brevitas/pull/949
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:2 and cuda:0! (when checking argument for argument index in method wrapper__index_select)
# pattern: hard-coded-cuda
# shape: helper, loader-loop, batch-dict
# looks-like: hard-coded-cuda
# cpu: clean
# needs: torch
import argparse

import torch
import torch.nn as nn


class PromptForClassification(nn.Module):
    def __init__(self, vocab_size=100, dim=32, num_classes=2):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim)
        self.verbalizer = nn.Linear(dim, num_classes)

    def forward(self, batch):
        return self.verbalizer(self.embed(batch["input_ids"]).mean(dim=1))


def to_model_device(batch, model):
    device = next(model.parameters()).device
    return {k: v.to(device) for k, v in batch.items()}


@torch.no_grad()
def evaluate(model, batches):
    model.eval()
    correct = 0
    for batch in batches:
        batch = to_model_device(batch, model)
        correct += (model(batch).argmax(-1) == batch["label"]).sum().item()
    return correct


def main(args):
    model = PromptForClassification()
    if torch.cuda.is_available():
        model = model.cuda(args.gpu)
    batches = [{"input_ids": torch.randint(0, 100, (4, 12)), "label": torch.randint(0, 2, (4,))} for _ in range(3)]
    print(evaluate(model, batches))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=max(torch.cuda.device_count() - 1, 0))
    main(parser.parse_args())
