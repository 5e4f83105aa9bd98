# source: https://github.com/Stanford-AIMI/CheXagent/issues/9
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: top-level, batch-dict
# bug-lines: 45
# cpu: no needs a GPU
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn

device = "cuda" if torch.cuda.is_available() else "cpu"
dtype = torch.float16


class RadiologyReportModel(nn.Module):
    def __init__(self, vocab_size=512, hidden=64, patch=16):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, hidden, kernel_size=patch, stride=patch)
        self.embed_tokens = nn.Embedding(vocab_size, hidden)
        self.decoder = nn.GRU(hidden, hidden, batch_first=True)
        self.lm_head = nn.Linear(hidden, vocab_size)

    @torch.no_grad()
    def generate(self, pixel_values, input_ids, max_new_tokens=16):
        image_tokens = self.patch_embed(pixel_values).flatten(2).transpose(1, 2)
        h = torch.cat([image_tokens, self.embed_tokens(input_ids)], dim=1)
        out, state = self.decoder(h)
        next_id = self.lm_head(out[:, -1]).argmax(-1, keepdim=True)
        generated = [next_id]
        for _ in range(max_new_tokens - 1):
            out, state = self.decoder(self.embed_tokens(next_id), state)
            next_id = self.lm_head(out[:, -1]).argmax(-1, keepdim=True)
            generated.append(next_id)
        return torch.cat(generated, dim=1)


def process(images, text):
    pixels = np.stack([np.asarray(im, dtype=np.float32) / 255.0 for im in images])
    pixel_values = torch.from_numpy(pixels).permute(0, 3, 1, 2)
    input_ids = torch.tensor([[ord(c) % 512 for c in text]])
    return {"pixel_values": pixel_values, "input_ids": input_ids}


model = RadiologyReportModel().to(dtype)
model.eval()

images = [np.random.randint(0, 255, (224, 224, 3), dtype=np.uint8)]
prompt = "Describe the findings in the chest X-ray."
inputs = process(images, f" USER: <s>{prompt} ASSISTANT: <s>")
inputs = {
    k: v.to(device=device, dtype=dtype) if v.is_floating_point() else v.to(device)
    for k, v in inputs.items()
}
output = model.generate(**inputs, max_new_tokens=24)[0]
print(output.tolist())
