# Cast to float16 and never moved off the CPU it was made on: every call computes in
# half precision on the CPU. The cast may be a method of the model that casts each of
# its parts, or a loader's torch_dtype.
import torch
from torch import nn
from transformers import AutoModelForCausalLM, AutoTokenizer


class Denoiser(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Conv2d(3, 8, 3, padding=1)
        self.dec = nn.Conv2d(8, 3, 3, padding=1)

    def convert_to_half(self):
        self.enc.half()
        self.dec.half()

    def forward(self, x):
        return self.dec(torch.relu(self.enc(x.half())))


def load(half):
    net = Denoiser().eval()
    if half:
        net.convert_to_half()  # expect: TL106:9 lines=24,40
    return net


def complete(prompt):
    tokenizer = AutoTokenizer.from_pretrained("gpt2")
    model = AutoModelForCausalLM.from_pretrained("gpt2", torch_dtype=torch.float16)  # expect: TL106:58 lines=32,34
    ids = tokenizer(prompt, return_tensors="pt").input_ids
    return model.generate(ids, max_new_tokens=8)


if __name__ == "__main__":
    net = load(half=True)
    with torch.no_grad():
        print(net(torch.rand(1, 3, 16, 16)).shape)
    print(complete("Hello"))
