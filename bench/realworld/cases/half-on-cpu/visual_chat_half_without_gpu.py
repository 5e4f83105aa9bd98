# source: https://github.com/zai-org/VisualGLM-6B/issues/30
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# bug-lines: 34
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn


class VisualGLM(nn.Module):
    def __init__(self, vocab=64, hidden=32):
        super().__init__()
        self.vit = nn.Sequential(nn.Conv2d(3, hidden, kernel_size=8, stride=8), nn.GELU())
        self.embed = nn.Embedding(vocab, hidden)
        self.lm = nn.Linear(hidden, hidden)
        self.lm_head = nn.Linear(hidden, vocab)

    def forward(self, input_ids, image):
        img_tokens = self.vit(image).flatten(2).transpose(1, 2)
        h = torch.cat([img_tokens, self.embed(input_ids)], dim=1)
        return self.lm_head(torch.tanh(self.lm(h)))


def process_image(path_or_array, image_size=32):
    arr = np.asarray(path_or_array, dtype=np.float32) / 255.0
    return torch.from_numpy(arr).permute(2, 0, 1)[None, :, :image_size, :image_size]


class ChatEngine:
    def __init__(self):
        self.model = VisualGLM().half()
        if torch.cuda.is_available():
            self.model = self.model.cuda()
        self.model.eval()

    @property
    def device(self):
        return next(self.model.parameters()).device

    def chat(self, image, query_ids, max_length=4):
        image = process_image(image).to(self.device, dtype=next(self.model.parameters()).dtype)
        ids = torch.tensor([query_ids], device=self.device)
        with torch.no_grad():
            for _ in range(max_length):
                logits = self.model(ids, image)
                ids = torch.cat([ids, logits[:, -1].argmax(-1, keepdim=True)], dim=1)
        return ids[0, len(query_ids):].tolist()


if __name__ == "__main__":
    engine = ChatEngine()
    fake_image = np.random.randint(0, 255, (32, 32, 3), dtype=np.uint8)
    print(engine.chat(fake_image, [3, 9, 12]))
