# source: https://github.com/scwangdyd/promting_hoi/issues/1
# error: RuntimeError: expected scalar type Float but found Half
# pattern: input-dtype-mismatch
# shape: helper, loader-loop, batch-dict
# bug-lines: 64
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class PatchViT(nn.Module):
    def __init__(self, patch=32, width=256, layers=4, out_dim=128):
        super().__init__()
        self.patch = patch
        self.embed = nn.Linear(3 * patch * patch, width)
        self.blocks = nn.Sequential(*[nn.Sequential(nn.Linear(width, width * 2), nn.GELU(),
                                                    nn.Linear(width * 2, width)) for _ in range(layers)])
        self.proj = nn.Linear(width, out_dim)

    def forward(self, images):
        x = nn.functional.unfold(images, self.patch, stride=self.patch).transpose(1, 2)
        return self.proj(self.blocks(self.embed(x)))


class HOIDetector(nn.Module):
    def __init__(self, num_hoi=600):
        super().__init__()
        self.visual = PatchViT()
        self.hoi_head = nn.Linear(128, num_hoi)
        self.box_head = nn.Linear(128, 8)

    def encode_image(self, images, mask=None):
        return self.visual(images)

    def forward_heads(self, feats):
        return {"pred_logits": self.hoi_head(feats), "pred_boxes": self.box_head(feats).sigmoid()}


def convert_weights(model):
    """Cast linear weights to fp16, as the released CLIP checkpoints are stored."""
    for m in model.modules():
        if isinstance(m, nn.Linear):
            m.weight.data = m.weight.data.half()
            if m.bias is not None:
                m.bias.data = m.bias.data.half()


class HICOEval(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, i):
        return torch.rand(3, 256, 256), {"image_id": i, "orig_size": torch.tensor([480, 640])}


@torch.no_grad()
def evaluate(model, data_loader, device):
    model.eval()
    results = []
    for images, targets in data_loader:
        images = images.to(device)
        vision_outputs = model.encode_image(images)
        outputs = model.forward_heads(vision_outputs)
        for t, logits in zip(targets["image_id"], outputs["pred_logits"]):
            results.append({"image_id": int(t), "scores": logits.float().sigmoid().max(-1).values.cpu()})
    return results


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = HOIDetector().to(device)
    if device.type == "cuda":
        convert_weights(model)
    loader = DataLoader(HICOEval(), batch_size=1)
    print(len(evaluate(model, loader, device)))
