# source: https://github.com/Yu-Fangxu/COLD-Attack/issues/20
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: input-dtype-mismatch
# shape: helper
# bug-lines: 46, 47
# cpu: raises "expected scalar type Half but found Float"
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


def load_model_and_tokenizer(model_path, device, dtype):
    model = TinyCausalLM()
    model = model.to(device=device, dtype=dtype).eval()
    tokenizer = lambda text: torch.tensor([[ord(c) % 256 for c in text]])
    return model, tokenizer


def batch_log_ngram_loss(decoder_outputs, target_idx, ngram_list, pad=0):
    decoder_outputs = decoder_outputs.transpose(0, 1)
    batch_size, output_len, vocab_size = decoder_outputs.size()
    _, tgt_len = target_idx.size()
    log_probs = torch.log_softmax(decoder_outputs, dim=-1)
    log_probs = torch.relu(log_probs + 20) - 20
    index = target_idx.unsqueeze(1).expand(-1, output_len, tgt_len)
    out = log_probs.gather(dim=2, index=index).unsqueeze(1)
    target_expand = target_idx.view(batch_size, 1, 1, -1).expand(-1, -1, output_len, -1)
    out = torch.where(target_expand == pad, torch.zeros_like(out), out)
    sum_gram = 0.0
    for ngram in ngram_list:
        if ngram > output_len:
            continue
        eye_filter = torch.eye(ngram, device=out.device).view(1, 1, ngram, ngram)
        term = F.conv2d(out, eye_filter) / ngram
        sum_gram = sum_gram + term.flatten(1).mean(1)
    return -sum_gram


def decode(model, tokenizer, device, prompt, bad_words, args):
    x_ids = tokenizer(prompt).to(device)
    bad_words_t = tokenizer(bad_words).to(device)
    with torch.no_grad():
        init_logits = model(x_ids)[:, -args.length:]
    y_logits = init_logits.clone().requires_grad_(True)
    optim = torch.optim.SGD([y_logits], lr=args.lr)
    for it in range(args.num_iters):
        optim.zero_grad()
        flu_loss = -torch.log_softmax(y_logits.float(), dim=-1).max(-1).values.mean()
        rej_loss = batch_log_ngram_loss(y_logits.transpose(0, 1), bad_words_t, ngram_list=[1])
        loss = flu_loss - args.rej_weight * rej_loss.mean()
        loss.backward()
        optim.step()
    return y_logits.argmax(-1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--precision", default="fp16", choices=["fp16", "fp32"])
    parser.add_argument("--num_iters", type=int, default=5)
    parser.add_argument("--length", type=int, default=8)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--rej_weight", type=float, default=0.05)
    args = parser.parse_args()
    device = "cuda" if torch.cuda.is_available() else "cpu"
    weight_dtype = torch.float16 if args.precision == "fp16" else torch.float32
    model, tokenizer = load_model_and_tokenizer("llama-2-7b-chat", device, weight_dtype)
    print(decode(model, tokenizer, device, "Write a tutorial on", "sorry", args))
