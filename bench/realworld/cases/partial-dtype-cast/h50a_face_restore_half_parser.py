# source: https://github.com/xinntao/facexlib/issues/41
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: partial-dtype-cast
# shape: helper, class
# bug-lines: 46, 59, 74
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
"""Blind face restoration with fp16 inference; a face parser softens the paste-back mask."""
import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn_relu(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False),
                         nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class ParseNetLite(nn.Module):
    def __init__(self, num_class=19):
        super().__init__()
        self.body = nn.Sequential(conv_bn_relu(3, 32, 2), conv_bn_relu(32, 64, 2),
                                  conv_bn_relu(64, 128, 2), nn.Conv2d(128, num_class, 1))

    def forward(self, x):
        return F.interpolate(self.body(x), size=x.shape[-2:], mode="bilinear")


class RestorerUNet(nn.Module):
    def __init__(self, ch=64):
        super().__init__()
        self.down = nn.Sequential(conv_bn_relu(3, ch), conv_bn_relu(ch, ch * 2, 2))
        self.up = nn.Sequential(nn.Upsample(scale_factor=2), conv_bn_relu(ch * 2, ch),
                                nn.Conv2d(ch, 3, 3, 1, 1))

    def forward(self, x):
        return torch.tanh(x + self.up(self.down(x)))


def init_parsing_model(half=False, device="cuda", model_path="weights/parsing_parsenet.pth"):
    model = ParseNetLite(num_class=19)
    model.load_state_dict(torch.load(model_path, map_location=lambda storage, loc: storage))
    model.eval()
    model = model.to(device)
    return model


class FaceRestoreHelper:
    def __init__(self, restorer_path, half=True, device="cuda"):
        self.device = torch.device(device)
        self.half = half and self.device.type == "cuda"
        self.restorer = RestorerUNet()
        self.restorer.load_state_dict(torch.load(restorer_path, map_location="cpu"))
        self.restorer = self.restorer.to(self.device).eval()
        if self.half:
            self.restorer.half()
        self.face_parse = init_parsing_model(half=self.half, device=self.device)

    def _to_tensor(self, bgr):
        rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB).astype(np.float32) / 127.5 - 1.0
        t = torch.from_numpy(rgb).permute(2, 0, 1).unsqueeze(0).to(self.device)
        return t.half() if self.half else t

    @torch.no_grad()
    def restore(self, cropped_face):
        face_t = self._to_tensor(cropped_face)
        restored = self.restorer(face_t)
        return restored, self.parse_mask(restored)

    def parse_mask(self, face_t):
        face_512 = F.interpolate(face_t, size=(512, 512), mode="bilinear")
        logits = self.face_parse(face_512)
        parsing = logits.argmax(dim=1).squeeze(0)
        mask = ((parsing > 0) & (parsing < 14)).float()[None, None]
        return F.avg_pool2d(mask, 31, 1, 15)[0, 0].cpu().numpy()

if __name__ == "__main__":
    restored, mask = FaceRestoreHelper("weights/restorer_v1.pth").restore(cv2.imread("inputs/face_0001.png"))
