# source: https://github.com/ultralytics/ultralytics/pull/23780
# error: RuntimeError: expected scalar type Float but found Half
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from tiny_vit import TinyViTStage


class ImageEncoder(nn.Module):
    def __init__(self, embed_dim=320, patch=16, img_size=224):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, embed_dim, patch, patch)
        res = img_size // patch
        self.stage = TinyViTStage(dim=embed_dim, resolution=(res, res))
        self.neck = nn.Linear(embed_dim, 256)

    def forward(self, img):
        x = self.patch_embed(img).flatten(2).transpose(1, 2)
        return self.neck(self.stage(x))


class Predictor:
    def __init__(self, weights, device="cuda", half=True):
        self.device = torch.device(device)
        model = ImageEncoder()
        model.load_state_dict(torch.load(weights, map_location="cpu"))
        model.eval()
        self.half = half and self.device.type != "cpu"
        model = model.half() if self.half else model.float()
        self.model = model.to(self.device)

    @torch.no_grad()
    def embed(self, images):
        images = images.to(self.device)
        images = images.half() if self.half else images.float()
        return self.model(images)


if __name__ == "__main__":
    predictor = Predictor("mobile_encoder.pt", device="cuda", half=True)
    feats = predictor.embed(torch.rand(2, 3, 224, 224))
    print(feats.shape, feats.dtype)
