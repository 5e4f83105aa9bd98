# source: https://github.com/fupinglee/CalculateCaptcha_Recognition/issues/1
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, loader-loop, helper
# bug-lines: 61, 62
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import os

import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision import transforms

from dataset import CaptchaFolder, CHARSET, CAPTCHA_LEN
from model import CaptchaNet


def captcha_accuracy(output, target):
    """Percentage of captchas where every character is predicted correctly."""
    output = output.view(-1, len(CHARSET)).argmax(dim=1).view(-1, CAPTCHA_LEN)
    target = target.view(-1, len(CHARSET)).argmax(dim=1).view(-1, CAPTCHA_LEN)
    hits = sum(1 for t, o in zip(target, output) if torch.equal(t, o))
    return hits / output.size(0) * 100


def train(epochs, ckpt_path="captcha.pth"):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    tfm = transforms.Compose([transforms.ToTensor()])
    train_loader = DataLoader(CaptchaFolder("./data/train", tfm), batch_size=32,
                              shuffle=True, drop_last=True)
    test_loader = DataLoader(CaptchaFolder("./data/test", tfm), batch_size=128,
                             shuffle=True, drop_last=True)

    net = CaptchaNet()
    net.to(device)
    criterion = nn.MultiLabelSoftMarginLoss()
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)

    step = 1
    for epoch in range(epochs):
        net.train()
        running = 0.0
        for images, labels in train_loader:
            images, labels = images.to(device), labels.to(device)
            optimizer.zero_grad()
            outputs = net(images)
            loss = criterion(outputs, labels)
            loss.backward()
            optimizer.step()
            running += loss.item()
            if step % 500 == 0:
                print("step %d acc %.2f%% loss %.4f" % (step, captcha_accuracy(outputs, labels), running / 500))
                running = 0.0
                torch.save({"model": net.state_dict(), "optim": optimizer.state_dict()}, ckpt_path)
            step += 1

        net.eval()
        with torch.no_grad():
            for images, labels in test_loader:
                outputs = net(images)
                print("epoch %d test acc %.2f%%" % (epoch, captcha_accuracy(outputs, labels)))
                break

        if epoch % 5 == 4:
            for group in optimizer.param_groups:
                group["lr"] *= 0.9


if __name__ == "__main__":
    train(int(os.environ.get("EPOCHS", "50")))
