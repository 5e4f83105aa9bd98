# source: https://github.com/chathasphere/pno-ai/issues/34
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: legacy-tensor-constructor
# shape: helper, top-level
# bug-lines: 40, 43
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Sample a performance-event sequence (note-on/off, time-shift, velocity tokens) from a trained music transformer."""
import argparse

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class MusicTransformer(nn.Module):
    def __init__(self, n_tokens=413, d_model=256, n_layers=6, n_heads=8, max_len=2048):
        super().__init__()
        self.n_tokens = n_tokens
        self.embed = nn.Embedding(n_tokens, d_model)
        self.pos = nn.Embedding(max_len, d_model)
        layer = nn.TransformerEncoderLayer(d_model, n_heads, 4 * d_model, batch_first=True)
        self.blocks = nn.TransformerEncoder(layer, n_layers)
        self.head = nn.Linear(d_model, n_tokens)

    def forward(self, x):
        steps = torch.arange(x.size(1), device=x.device)
        mask = nn.Transformer.generate_square_subsequent_mask(x.size(1)).to(x.device)
        h = self.embed(x) + self.pos(steps)
        return self.head(self.blocks(h, mask=mask))


def sample(model, sample_length, prime_sequence=(), temperature=1.0):
    model.eval()
    if len(prime_sequence) == 0:
        events = [np.random.randint(model.n_tokens)]
    else:
        events = list(prime_sequence)
    input_tensor = torch.LongTensor(events).unsqueeze(0)
    with torch.no_grad():
        for _ in range(sample_length):
            logits = model(input_tensor)[0, -1, :]
            probs = F.softmax(logits / temperature, dim=0)
            nxt = torch.multinomial(probs, 1)
            input_tensor = torch.cat([input_tensor, nxt[None]], dim=1)
            events.append(nxt.item())
    return events


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", required=True)
    parser.add_argument("--sample_length", type=int, default=512)
    parser.add_argument("--temperature", type=float, default=1.0)
    args = parser.parse_args()

    model = MusicTransformer()
    model.load_state_dict(torch.load(args.checkpoint, map_location="cpu"))
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model.to(device)
    events = sample(model, args.sample_length, temperature=args.temperature)
    np.save("sample_events.npy", np.array(events))
    print(f"generated {len(events)} events")
