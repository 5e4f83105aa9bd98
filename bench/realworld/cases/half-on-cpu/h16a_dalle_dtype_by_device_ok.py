# source: https://github.com/kuprel/min-dalle/issues/83
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, class
# looks-like: half-on-cpu
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def pick_device_and_dtype(prefer_half=True):
    if torch.cuda.is_available():
        return torch.device("cuda"), (torch.float16 if prefer_half else torch.float32)
    # fp16 LayerNorm/matmul kernels are missing on CPU (Apple M1 included): stay in fp32 there
    return torch.device("cpu"), torch.float32


class TextEncoder(nn.Module):
    def __init__(self, vocab=50264, dim=1024, layers=4, heads=16):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        block = nn.TransformerEncoderLayer(dim, heads, 4 * dim, batch_first=True, norm_first=True)
        self.blocks = nn.TransformerEncoder(block, layers)
        self.norm = nn.LayerNorm(dim)

    def forward(self, tokens):
        return self.norm(self.blocks(self.embed(tokens)))


class MiniGenerator:
    def __init__(self, weights_path, prefer_half=True):
        self.device, self.dtype = pick_device_and_dtype(prefer_half)
        encoder = TextEncoder()
        encoder.load_state_dict(torch.load(weights_path, map_location="cpu"))
        self.encoder = encoder.to(device=self.device, dtype=self.dtype).eval()

    @torch.no_grad()
    def encode(self, token_ids):
        tokens = torch.tensor([token_ids], dtype=torch.long, device=self.device)
        return self.encoder(tokens)


if __name__ == "__main__":
    gen = MiniGenerator("pretrained/dalle_mini_encoder.pt")
    print(gen.encode([0, 4320, 9, 2218, 8, 5, 6331, 2]).shape)
