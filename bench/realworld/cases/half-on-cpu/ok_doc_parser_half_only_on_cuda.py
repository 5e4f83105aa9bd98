# source: https://github.com/bytedance/Dolphin/pull/122
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# shape: class, helper
# looks-like: half-on-cpu
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn


class PageParser(nn.Module):
    def __init__(self, vocab=40, hidden=32):
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv2d(3, hidden, 8, stride=8), nn.GELU())
        self.decoder = nn.GRU(hidden, hidden, batch_first=True)
        self.head = nn.Linear(hidden, vocab)

    def forward(self, pixel_values):
        feats = self.encoder(pixel_values).flatten(2).transpose(1, 2)
        out, _ = self.decoder(feats)
        return self.head(out)


class DOLPHIN:
    def __init__(self):
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.model = PageParser().eval()
        if self.device == "cuda":
            self.model = self.model.half()
        else:
            self.model = self.model.float()
        self.model.to(self.device)

    def prepare_image(self, image):
        pixel_values = torch.from_numpy(np.asarray(image, dtype=np.float32) / 255.0).permute(2, 0, 1)[None]
        pixel_values = pixel_values.to(self.device)
        return pixel_values.half() if self.device == "cuda" else pixel_values.float()

    def chat(self, image):
        with torch.no_grad():
            logits = self.model(self.prepare_image(image))
        return logits.argmax(-1)[0].tolist()


if __name__ == "__main__":
    page = np.random.randint(0, 255, (32, 32, 3), dtype=np.uint8)
    print(DOLPHIN().chat(page))
