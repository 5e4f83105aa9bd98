# source: https://github.com/Holmeyoung/crnn-pytorch/issues/17
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: legacy-tensor-constructor
# shape: multi-file, helper, loader-loop
# bug-lines: 35, 49
# needs: torch, torchvision, PIL
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

import utils
from dataset import AlignCollate, TextLineDataset
from model import CRNN

parser = argparse.ArgumentParser()
parser.add_argument("--train_list", required=True)
parser.add_argument("--alphabet", default="0123456789abcdefghijklmnopqrstuvwxyz")
parser.add_argument("--batch_size", type=int, default=64)
parser.add_argument("--img_h", type=int, default=32)
parser.add_argument("--img_w", type=int, default=100)
parser.add_argument("--nh", type=int, default=256)
parser.add_argument("--lr", type=float, default=1e-3)
parser.add_argument("--epochs", type=int, default=25)
opt = parser.parse_args()

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
converter = utils.strLabelConverter(opt.alphabet)
crnn = CRNN(opt.img_h, 1, len(opt.alphabet) + 1, opt.nh).to(device)
criterion = nn.CTCLoss(zero_infinity=True)
optimizer = torch.optim.Adam(crnn.parameters(), lr=opt.lr, betas=(0.5, 0.999))

image = torch.FloatTensor(opt.batch_size, 1, opt.img_h, opt.img_w)
text = torch.IntTensor(opt.batch_size * 5)
length = torch.IntTensor(opt.batch_size)

train_loader = DataLoader(TextLineDataset(opt.train_list), batch_size=opt.batch_size, shuffle=True,
                          num_workers=4, collate_fn=AlignCollate(opt.img_h, opt.img_w))


def train_batch(cpu_images, cpu_texts):
    batch_size = cpu_images.size(0)
    utils.loadData(image, cpu_images)
    t, l = converter.encode(cpu_texts)
    utils.loadData(text, t)
    utils.loadData(length, l)
    preds = crnn(image).log_softmax(2)
    preds_size = torch.full((batch_size,), preds.size(0), dtype=torch.int32)
    cost = criterion(preds, text, preds_size, length) / batch_size
    optimizer.zero_grad()
    cost.backward()
    optimizer.step()
    return cost.item()


for epoch in range(opt.epochs):
    crnn.train()
    for i, (cpu_images, cpu_texts) in enumerate(train_loader):
        loss = train_batch(cpu_images, cpu_texts)
        if i % 100 == 0:
            print(f"[{epoch}/{opt.epochs}][{i}/{len(train_loader)}] loss: {loss:.4f}")
