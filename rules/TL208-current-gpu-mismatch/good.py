import argparse

import torch
import torch.nn as nn
from transformers import AutoModelForCausalLM, AutoTokenizer


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(100, 32)
        self.head = nn.Linear(32, 2)

    def forward(self, ids):
        return self.head(self.embed(ids).mean(dim=1))


# The device is the current GPU when there is one: `.cuda()` is the same GPU.
def single_gpu(ids):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = Classifier().to(device)
    return model(ids.cuda())


# The inputs follow the model, whatever GPU --gpu picks.
def follow_the_model(args, ids):
    model = Classifier().cuda(args.gpu)
    ids = ids.cuda(args.gpu, non_blocking=True)
    return model(ids)


def follow_the_parameters(args, ids):
    model = Classifier().to(args.device)
    return model(ids.to(next(model.parameters()).device))


# device_map="auto" spreads the model from GPU 0 on: its inputs belong there.
def sharded(path, prompt):
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path, device_map="auto")
    input_ids = tokenizer(prompt, return_tensors="pt").input_ids.cuda()
    return model.generate(input_ids)


# DistributedDataParallel moves its inputs to device_ids[0] itself.
def wrapped(args, ids):
    model = Classifier().to(args.device)
    model = nn.parallel.DistributedDataParallel(model, device_ids=[args.device])
    return model(ids.cuda())


# A tensor made with `device=device` in a helper follows whatever it is given.
def helper_follows_input(x, device):
    model = Classifier().cuda()
    mask = torch.ones(x.shape[0], 12, dtype=torch.long, device=device)
    return model(mask)


# A helper's `device` parameter is the caller's choice, and this caller chooses the
# current GPU: the helper's placement depends on its caller, so it is no choice.
def build(device):
    return Classifier().to(device)


def run_on_the_current_gpu(ids):
    model = build(torch.device("cuda"))
    return model(ids.cuda())


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=0)
    parser.add_argument("--device", default="cuda:1")
    args = parser.parse_args()
    ids = torch.randint(0, 100, (8, 12))
    follow_the_model(args, ids)
    follow_the_parameters(args, ids)
    wrapped(args, ids)
    run_on_the_current_gpu(ids)
