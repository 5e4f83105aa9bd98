# source: https://github.com/zhanghang1989/PyTorch-Multi-Style-Transfer/issues/11
# error: RuntimeError: Input type (CUDAFloatTensor) and weight type (CPUFloatTensor) should be the same
# pattern: hard-coded-cuda
# shape: multi-file, class, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from net import GramMatrix, MSGNet, Vgg16Features
from utils import StyleLoader, subtract_imagenet_mean_batch


def train(args):
    transform = transforms.Compose([
        transforms.Resize(args.image_size), transforms.CenterCrop(args.image_size),
        transforms.ToTensor(), transforms.Lambda(lambda x: x.mul(255)),
    ])
    loader = DataLoader(datasets.ImageFolder(args.dataset, transform), batch_size=args.batch_size)

    style_model, vgg, gram = MSGNet(), Vgg16Features(), GramMatrix()
    if args.cuda:
        style_model.cuda()
        vgg.cuda()
    optimizer = torch.optim.Adam(style_model.parameters(), args.lr)
    mse = torch.nn.MSELoss()
    style_loader = StyleLoader(args.style_folder, args.style_size)

    for epoch in range(args.epochs):
        for batch_id, (x, _) in enumerate(loader):
            if args.cuda:
                x = x.cuda()
            style_v = style_loader.get(batch_id)
            style_model.set_target(style_v)
            y = style_model(subtract_imagenet_mean_batch(x))

            feats_y, feats_x = vgg(y), vgg(subtract_imagenet_mean_batch(x))
            feats_s = vgg(style_v)
            content_loss = args.content_weight * mse(feats_y[1], feats_x[1].detach())
            style_loss = sum(mse(gram(fy), gram(fs).detach().expand_as(gram(fy)))
                             for fy, fs in zip(feats_y, feats_s))
            loss = content_loss + args.style_weight * style_loss
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    torch.save(style_model.state_dict(), args.save_model)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--dataset", required=True)
    p.add_argument("--style-folder", required=True)
    p.add_argument("--save-model", default="msgnet.pth")
    p.add_argument("--cuda", type=int, default=1)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=4)
    p.add_argument("--image-size", type=int, default=256)
    p.add_argument("--style-size", type=int, default=512)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--content-weight", type=float, default=1.0)
    p.add_argument("--style-weight", type=float, default=5.0)
    train(p.parse_args())
