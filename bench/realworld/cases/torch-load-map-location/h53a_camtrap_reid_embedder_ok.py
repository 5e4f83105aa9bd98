# source: https://github.com/xl-sr/THOR/issues/5
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# looks-like: torch-load-map-location
# needs: torch, torchvision, numpy
# cpu: no written where torch was not installed; not run
"""Embed camera-trap detections of known individuals (lynx, snow leopard) and match them to a gallery."""
import numpy as np
import torch
import torch.nn.functional as F
import torchvision


class IndividualEmbedder:
    def __init__(self, model_path, device=None, embed_dim=512):
        if device is None:
            device = "cuda" if torch.cuda.is_available() else "cpu"
        self.device = torch.device(device)
        backbone = torchvision.models.resnet50()
        backbone.fc = torch.nn.Linear(2048, embed_dim)
        self.model = backbone
        state = torch.load(model_path, map_location=("cpu" if str(self.device) == "cpu" else None))
        self.model.load_state_dict(state["model"] if "model" in state else state)
        self.model.to(self.device).eval()
        self.mean = torch.tensor([0.485, 0.456, 0.406], device=self.device).view(1, 3, 1, 1)
        self.std = torch.tensor([0.229, 0.224, 0.225], device=self.device).view(1, 3, 1, 1)

    @torch.no_grad()
    def embed(self, crops):
        """crops: list of HxWx3 uint8 arrays already resized to 224x224."""
        x = torch.from_numpy(np.stack(crops)).to(self.device).permute(0, 3, 1, 2).float() / 255.0
        return F.normalize(self.model((x - self.mean) / self.std), dim=1)


def build_gallery(embedder, crops_by_id):
    names, feats = [], []
    for name, crops in crops_by_id.items():
        names.append(name)
        feats.append(embedder.embed(crops).mean(0))
    return names, F.normalize(torch.stack(feats), dim=1)


def identify(embedder, gallery, query_crops, threshold=0.55):
    names, gallery_feats = gallery
    sims = embedder.embed(query_crops) @ gallery_feats.T
    best, idx = sims.max(dim=1)
    return [names[i] if s >= threshold else "unknown" for s, i in zip(best.tolist(), idx.tolist())]


if __name__ == "__main__":
    emb = IndividualEmbedder("weights/snow_leopard_arcface.pth")
    rng = np.random.default_rng(1)
    fake = lambda n: [rng.integers(0, 255, (224, 224, 3), dtype=np.uint8) for _ in range(n)]
    gallery = build_gallery(emb, {"SL-014": fake(3), "SL-022": fake(4)})
    print(identify(emb, gallery, fake(2)))
