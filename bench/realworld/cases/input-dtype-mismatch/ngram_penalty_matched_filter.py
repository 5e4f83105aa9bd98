# source: https://github.com/Yu-Fangxu/COLD-Attack/issues/20
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: input-dtype-mismatch
# shape: helper
# looks-like: input-dtype-mismatch
# cpu: clean
# needs: torch
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F


class TinyCausalLM(nn.Module):
    def __init__(self, vocab_size=256, hidden=64):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, hidden)
        self.lm_head = nn.Linear(hidden, vocab_size)

    def forward(self, input_ids):
        return self.lm_head(torch.tanh(self.embed(input_ids)))


def load_model(device, dtype):
    return TinyCausalLM().to(device=device, dtype=dtype).eval()


def ngram_overlap_loss(decoder_outputs, target_idx, ngram_list):
    decoder_outputs = decoder_outputs.transpose(0, 1)
    batch_size, output_len, _ = decoder_outputs.size()
    log_probs = torch.relu(torch.log_softmax(decoder_outputs, dim=-1) + 20) - 20
    index = target_idx.unsqueeze(1).expand(-1, output_len, -1)
    out = log_probs.gather(dim=2, index=index).unsqueeze(1)
    total = 0.0
    for ngram in ngram_list:
        if ngram > output_len:
            continue
        eye_filter = torch.eye(ngram, device=out.device, dtype=out.dtype).view(1, 1, ngram, ngram)
        term = F.conv2d(out, eye_filter) / ngram
        total = total + term.flatten(1).mean(1)
    return -total


def refine(model, x_ids, bad_ids, args):
    with torch.no_grad():
        init_logits = model(x_ids)[:, -args.length:]
    y_logits = init_logits.clone().requires_grad_(True)
    optim = torch.optim.SGD([y_logits], lr=args.lr)
    for _ in range(args.num_iters):
        optim.zero_grad()
        loss = ngram_overlap_loss(y_logits.transpose(0, 1), bad_ids, ngram_list=[1, 2]).float().mean()
        loss.backward()
        optim.step()
    return y_logits.argmax(-1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--precision", default="fp16", choices=["fp16", "fp32"])
    parser.add_argument("--num_iters", type=int, default=5)
    parser.add_argument("--length", type=int, default=8)
    parser.add_argument("--lr", type=float, default=0.1)
    args = parser.parse_args()
    device = "cuda" if torch.cuda.is_available() else "cpu"
    weight_dtype = torch.float16 if args.precision == "fp16" and device == "cuda" else torch.float32
    model = load_model(device, weight_dtype)
    x_ids = torch.tensor([[ord(c) % 256 for c in "Write a tutorial on"]], device=device)
    bad_ids = torch.tensor([[ord(c) % 256 for c in "sorry"]], device=device)
    print(refine(model, x_ids, bad_ids, args))
