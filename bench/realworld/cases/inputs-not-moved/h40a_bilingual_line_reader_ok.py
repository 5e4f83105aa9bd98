# source: https://github.com/gnana70/tamil_ocr/pull/13
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: class, helper
# looks-like: inputs-not-moved
# needs: torch, numpy, torchvision, pillow
# cpu: no written where torch was not installed; not run
"""Read a cropped text line with two recognisers (Tamil + English) and keep the more confident one."""
import numpy as np
import torch
from PIL import Image
from torchvision import transforms as T


class LineReader:
    def __init__(self, tamil_ckpt, english_ckpt, enable_cuda=True, img_size=(32, 128)):
        if enable_cuda and torch.cuda.is_available():
            self.device = torch.device("cuda")
        else:
            self.device = torch.device("cpu")
        self.img_transform = T.Compose([
            T.Resize(img_size, T.InterpolationMode.BICUBIC),
            T.ToTensor(),
            T.Normalize(0.5, 0.5),
        ])
        self.tamil_model = self._load(tamil_ckpt)
        self.eng_model = self._load(english_ckpt)

    def _load(self, path):
        model = torch.jit.load(path, map_location="cpu")
        return model.to(self.device).eval()

    @staticmethod
    def _mean_confidence(probs):
        conf = probs.max(-1).values[0].cpu().detach().numpy()
        return float(conf.sum() / len(conf))

    def _decode(self, model, img, charset):
        with torch.inference_mode():
            logits = model(img)
        probs = logits.softmax(-1)
        ids = probs.argmax(-1)[0].cpu().tolist()
        text = "".join(charset[i] for i in ids if i != 0)
        return text, self._mean_confidence(probs)

    def read(self, crop, tamil_charset, eng_charset):
        img_org = Image.fromarray(np.uint8(crop)).convert("RGB")
        img = self.img_transform(img_org).unsqueeze(0)
        img = img.to(self.device)
        tam_text, tam_conf = self._decode(self.tamil_model, img, tamil_charset)
        eng_text, eng_conf = self._decode(self.eng_model, img, eng_charset)
        return eng_text if eng_conf > tam_conf else tam_text


if __name__ == "__main__":
    reader = LineReader("parseq_tamil.ts", "parseq_english.ts")
    tamil_chars = ["<pad>"] + [chr(c) for c in range(0x0B80, 0x0BFF)]
    eng_chars = ["<pad>"] + list("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    line = np.load("line_crop.npy")
    print(reader.read(line, tamil_chars, eng_chars))
