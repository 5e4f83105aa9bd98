# source: https://github.com/thunlp/OpenPrompt/pull/161
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:2 and cuda:0! (when checking argument for argument index in method wrapper__index_select)
# pattern: hard-coded-cuda
# shape: loader-loop, batch-dict
# bug-lines: 17, 55
# cpu: clean
# needs: torch
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader


class InputFeatures(dict):
    def cuda(self):
        return InputFeatures({k: v.cuda() for k, v in self.items()})

    def to(self, device):
        return InputFeatures({k: v.to(device) for k, v in self.items()})


def collate_fn(samples):
    return InputFeatures({
        "input_ids": torch.stack([s["input_ids"] for s in samples]),
        "label": torch.stack([s["label"] for s in samples]),
    })


class PromptForClassification(nn.Module):
    def __init__(self, vocab_size=100, dim=32, num_classes=2):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim)
        self.verbalizer = nn.Linear(dim, num_classes)

    def forward(self, batch):
        return self.verbalizer(self.embed(batch["input_ids"]).mean(dim=1))


def main(args):
    dataset = [
        {"input_ids": torch.randint(0, 100, (12,)), "label": torch.tensor(i % 2)} for i in range(16)
    ]
    train_dataloader = DataLoader(dataset, batch_size=4, collate_fn=collate_fn)
    use_cuda = torch.cuda.is_available()
    prompt_model = PromptForClassification()
    if use_cuda:
        prompt_model = prompt_model.cuda(args.gpu)

    loss_func = nn.CrossEntropyLoss()
    optimizer = torch.optim.AdamW(prompt_model.parameters(), lr=1e-4)
    prompt_model.train()
    for step, inputs in enumerate(train_dataloader):
        if use_cuda:
            inputs = inputs.cuda()
        logits = prompt_model(inputs)
        loss = loss_func(logits, inputs["label"])
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        print(step, loss.item())


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=0)
    main(parser.parse_args())
