# An open_clip model is put on the GPU in float16 to index a photo folder; its own
# preprocessing makes float32 tensors, moved to the GPU without the model's dtype
# (open_clip's encode_image casts nothing).
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
            feats.append(model.encode_image(image.to(device)))  # expect: TL107:45 lines=15,11
    return torch.cat(feats)
