import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset
from transformers import AutoProcessor, LlavaForConditionalGeneration


# LLaVA's run script: the model goes where --device says, the prompt ids to GPU 0.
def load_pretrained_model(path, device):
    processor = AutoProcessor.from_pretrained(path)
    model = LlavaForConditionalGeneration.from_pretrained(path, device_map={"": device})
    return processor, model


def describe(path, device, image, prompt):
    processor, model = load_pretrained_model(path, device)
    enc = processor(images=image, text=prompt, return_tensors="pt")
    input_ids = enc["input_ids"].cuda()  # expect: TL208:17 lines=12,20
    return model.generate(input_ids=input_ids, max_new_tokens=32)


# OpenPrompt: the model on GPU --gpu, every batch on GPU 0.
class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(100, 32)
        self.head = nn.Linear(32, 2)

    def forward(self, ids):
        return self.head(self.embed(ids).mean(dim=1))


def train(args):
    model = Classifier().cuda(args.gpu)
    loader = DataLoader(TensorDataset(torch.randint(0, 100, (64, 12))), batch_size=8)
    for (ids,) in loader:
        ids = ids.cuda(non_blocking=True)  # expect: TL208:15 lines=35,39
        model(ids)


# The other way round: the model on GPU 0, its inputs where --device says.
def evaluate(args):
    model = Classifier()
    model.cuda()  # expect: TL208:5 lines=46,47
    ids = torch.randint(0, 100, (8, 12)).to(args.device)
    return model(ids)


# brevitas: the model on --device, each batch (a dict) on GPU 0 by a helper.
def to_cuda(sample):
    return {k: v.cuda() for k, v in sample.items()}  # expect: TL208:16 lines=63,58


def perplexity(model, data):
    losses = []
    for sample in data:
        losses.append(model(**to_cuda(sample)).loss)
    return torch.exp(torch.stack(losses).mean())


def main(args, data):
    model = Classifier().to(args.device)
    print(f"perplexity: {perplexity(model, data):.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=0)
    parser.add_argument("--device", default="cuda:1")
    args = parser.parse_args()
    train(args)
    evaluate(args)
    main(args, [{"ids": torch.randint(0, 100, (2, 12))}])
