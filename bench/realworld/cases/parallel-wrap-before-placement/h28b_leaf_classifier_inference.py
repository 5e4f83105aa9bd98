# source: https://github.com/qanastek/HugsVision/issues/27
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: class, helper
# bug-lines: 44, 57
# needs: torch, torchvision, PIL
# cpu: no written where torch was not installed; not run
import json
import os
import sys

import torch
import torch.nn as nn
import torchvision.models as models
from PIL import Image
from torchvision import transforms


def build_backbone(arch, num_classes):
    net = models.__dict__[arch](weights=None)
    if arch.startswith(("resnet", "resnext", "wide_resnet")):
        net.fc = nn.Linear(net.fc.in_features, num_classes)
    elif arch.startswith("densenet"):
        net.classifier = nn.Linear(net.classifier.in_features, num_classes)
    elif arch.startswith("mobilenet_v3"):
        net.classifier[3] = nn.Linear(net.classifier[3].in_features, num_classes)
    return net


class LeafDiseaseClassifier:
    preprocess = transforms.Compose([
        transforms.Resize((224, 224)),
        transforms.ToTensor(),
        transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
    ])

    def __init__(self, model_dir, force_cpu=False):
        with open(os.path.join(model_dir, "config.json")) as f:
            self.config = json.load(f)
        self.device = torch.device("cpu" if force_cpu or not torch.cuda.is_available() else "cuda:0")
        net = build_backbone(self.config["arch"], len(self.config["id2label"]))
        state = torch.load(os.path.join(model_dir, "best_model.pth"), map_location="cpu")
        net.load_state_dict({k.replace("module.", ""): v for k, v in state.items()})
        self.model = nn.DataParallel(net)
        self.model.eval()

    def predict_image(self, img, topk=3):
        x = self.preprocess(img.convert("RGB")).unsqueeze(0)
        probs = self.forward(x)
        values, idx = probs.topk(topk, dim=1)
        labels = [self.config["id2label"][str(i)] for i in idx[0].tolist()]
        return list(zip(labels, values[0].tolist()))

    @torch.no_grad()
    def forward(self, batch):
        batch = batch.to(self.device)
        logits = self.model(batch)
        return logits.softmax(dim=1).cpu()

    def predict(self, path):
        return self.predict_image(Image.open(path))


if __name__ == "__main__":
    clf = LeafDiseaseClassifier("./models/leaf_resnet50")
    for path in sys.argv[1:]:
        print(path, clf.predict(path))
