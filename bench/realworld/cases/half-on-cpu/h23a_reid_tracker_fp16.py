# source: https://github.com/mikel-brostrom/boxmot/issues/1129
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, loader-loop
# bug-lines: 27, 34
# needs: torch, torchvision, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn.functional as F
import torchvision


class ReIDEmbedder:
    """Appearance feature extractor used by the tracker to re-identify people."""

    def __init__(self, weights, device="cpu", fp16=False):
        self.device = torch.device(device)
        self.fp16 = fp16
        backbone = torchvision.models.resnet18(num_classes=512)
        state = torch.load(weights, map_location="cpu")
        backbone.load_state_dict(state, strict=False)
        backbone.eval()
        self.model = backbone.to(self.device)
        if self.fp16:
            # halve memory and speed up the embedding step
            self.model.half()

    @torch.no_grad()
    def __call__(self, frame, boxes):
        crops = [self._crop(frame, b) for b in boxes]
        batch = torch.stack(crops).to(self.device)
        if self.fp16:
            batch = batch.half()
        feats = self.model(batch)
        return F.normalize(feats.float(), dim=1)

    def _crop(self, frame, box):
        x1, y1, x2, y2 = [int(v) for v in box]
        patch = torch.from_numpy(frame[y1:y2, x1:x2]).permute(2, 0, 1).float() / 255.0
        return F.interpolate(patch[None], size=(256, 128), mode="bilinear")[0]


def track_video(frames, detections):
    embedder = ReIDEmbedder("osnet_x0_25_msmt17.pt", device="cpu", fp16=True)
    gallery = []
    for frame, dets in zip(frames, detections):
        if len(dets) == 0:
            continue
        emb = embedder(frame, dets[:, :4])
        gallery.append(emb)
    return torch.cat(gallery) if gallery else torch.empty(0, 512)


if __name__ == "__main__":
    frames = [np.random.randint(0, 255, (720, 1280, 3), dtype=np.uint8) for _ in range(4)]
    dets = [np.array([[100, 100, 180, 300, 0.9]]) for _ in range(4)]
    print(track_video(frames, dets).shape)
