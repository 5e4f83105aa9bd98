# source: https://github.com/KevinMusgrave/pytorch-metric-learning/issues/347
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, top-level
# looks-like: inputs-not-moved
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""python h65b_retrieve_ok.py --weights trunk_best.pth --gallery data/sop/gallery --query data/sop/query"""
import argparse

import torch
import torch.nn as nn
from torchvision import datasets, models, transforms

from h65b_inference_ok import InferenceIndexer

parser = argparse.ArgumentParser()
parser.add_argument("--weights", required=True)
parser.add_argument("--gallery", default="data/sop/gallery")
parser.add_argument("--query", default="data/sop/query")
args = parser.parse_args()

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
trunk = models.efficientnet_b0(weights=None)
trunk.classifier = nn.Identity()
embedder = nn.Linear(1280, 256)
state = torch.load(args.weights, map_location="cpu")
trunk.load_state_dict(state["trunk"])
embedder.load_state_dict(state["embedder"])
trunk, embedder = trunk.to(device), embedder.to(device)

tf = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
                         transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
indexer = InferenceIndexer(trunk, embedder, batch_size=128)
indexer.train_indexer(datasets.ImageFolder(args.gallery, tf))

query_set = datasets.ImageFolder(args.query, tf)
query_batch = torch.stack([query_set[i][0] for i in range(8)])
with torch.no_grad():
    scores, neighbor_labels = indexer.get_nearest_neighbors(query_batch, k=5)
for i in range(len(query_batch)):
    print(query_set.samples[i][0], neighbor_labels[i].tolist(), [f"{s:.3f}" for s in scores[i].tolist()])
