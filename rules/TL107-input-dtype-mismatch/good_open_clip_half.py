# The same index, with each image moved to the GPU in the model's float16.
import open_clip
import torch
from PIL import Image


def index(paths, device="cuda"):
    model, _, preprocess = open_clip.create_model_and_transforms("ViT-B-32", pretrained="laion2b_s34b_b79k")
    model = model.to(device).half().eval()
    feats = []
    with torch.no_grad():
        for path in paths:
            image = preprocess(Image.open(path).convert("RGB")).unsqueeze(0)
            feats.append(model.encode_image(image.to(device, torch.float16)))
    return torch.cat(feats)
