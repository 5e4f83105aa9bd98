# source: https://github.com/kennethwdk/MLCReID/issues/4
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: class, helper, loader-loop
# bug-lines: 41, 71
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Evaluate a trained unsupervised re-id checkpoint on Market-1501 query / gallery."""
import argparse
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision import datasets, models, transforms


def build_model():
    backbone = models.resnet50(weights=None)
    backbone.fc = nn.Identity()
    return backbone


def load_checkpoint(model, path):
    ckpt = torch.load(path, map_location="cpu")
    state = OrderedDict((k.replace("module.", "", 1), v) for k, v in ckpt["state_dict"].items())
    model.load_state_dict(state, strict=False)
    return ckpt.get("epoch", -1)


class Evaluator:
    def __init__(self, model):
        self.model = model

    @torch.no_grad()
    def extract_features(self, loader):
        self.model.eval()
        features, pids = [], []
        for imgs, targets in loader:
            imgs = imgs.cuda(non_blocking=True)
            outputs = self.model(imgs)
            features.append(F.normalize(outputs, dim=1).cpu())
            pids.append(torch.tensor([int(loader.dataset.classes[t]) for t in targets]))
        return torch.cat(features), torch.cat(pids)

    def evaluate(self, query_loader, gallery_loader):
        qf, q_pids = self.extract_features(query_loader)
        gf, g_pids = self.extract_features(gallery_loader)
        order = torch.cdist(qf, gf).argsort(dim=1)
        matches = (g_pids[order] == q_pids.unsqueeze(1)).float()
        cmc = matches.cumsum(dim=1).clamp(max=1).mean(dim=0)
        hits = matches.cumsum(dim=1) * matches
        ranks = torch.arange(1, matches.size(1) + 1).float()
        ap = (hits / ranks).sum(dim=1) / matches.sum(dim=1).clamp(min=1)
        return cmc[0].item(), ap.mean().item()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--resume", required=True)
    parser.add_argument("--data", default="data/market1501")
    args = parser.parse_args()

    tf = transforms.Compose([transforms.Resize((256, 128)), transforms.ToTensor(),
                             transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    query = datasets.ImageFolder(f"{args.data}/query_by_id", tf)
    gallery = datasets.ImageFolder(f"{args.data}/gallery_by_id", tf)
    query_loader = torch.utils.data.DataLoader(query, batch_size=128, num_workers=4)
    gallery_loader = torch.utils.data.DataLoader(gallery, batch_size=128, num_workers=4)

    model = build_model()
    epoch = load_checkpoint(model, args.resume)
    evaluator = Evaluator(model)
    rank1, mAP = evaluator.evaluate(query_loader, gallery_loader)
    print(f"epoch {epoch}: Rank-1 {rank1:.1%}  mAP {mAP:.1%}")


if __name__ == "__main__":
    main()
