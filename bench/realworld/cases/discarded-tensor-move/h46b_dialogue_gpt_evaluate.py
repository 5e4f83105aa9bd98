# source: https://github.com/yangjianxin1/GPT2-chitchat/issues/48
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: discarded-tensor-move
# shape: helper, loader-loop
# bug-lines: 59, 60
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Train a small GPT-2 chit-chat model; evaluate perplexity on held-out dialogues."""
import math

import torch
import torch.nn.functional as F
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader
from transformers import BertTokenizerFast, GPT2Config, GPT2LMHeadModel

PAD_ID = 0


def collate_fn(batch):
    return pad_sequence([torch.tensor(x, dtype=torch.long) for x in batch],
                        batch_first=True, padding_value=PAD_ID)


def lm_loss(logits, input_ids):
    shift_logits = logits[:, :-1, :].reshape(-1, logits.size(-1))
    return F.cross_entropy(shift_logits, input_ids[:, 1:].reshape(-1), ignore_index=PAD_ID)


def train_epoch(model, device, train_loader, optimizer):
    model.train()
    total = 0.0
    for batch_idx, input_ids in enumerate(train_loader):
        input_ids = input_ids.to(device)
        logits = model(input_ids=input_ids).logits
        loss = lm_loss(logits, input_ids)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / len(train_loader)


def encode_dialogues(tokenizer, dialogues):
    samples = []
    for turns in dialogues:
        ids = [tokenizer.cls_token_id]
        for utt in turns:
            ids += tokenizer.encode(utt, add_special_tokens=False) + [tokenizer.sep_token_id]
        samples.append(ids[:300])
    return samples


def evaluate(model, device, test_loader):
    model.eval()
    total = 0.0
    with torch.no_grad():
        for batch_idx, input_ids in enumerate(test_loader):
            input_ids.to(device)
            logits = model(input_ids=input_ids).logits
            total += lm_loss(logits, input_ids).item()
    return total / len(test_loader), math.exp(total / len(test_loader))


def main():
    device = "cuda" if torch.cuda.is_available() else "cpu"
    tokenizer = BertTokenizerFast.from_pretrained("bert-base-chinese")
    model = GPT2LMHeadModel(GPT2Config(vocab_size=tokenizer.vocab_size, n_layer=6)).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2.6e-5)
    samples = encode_dialogues(tokenizer, [["你好", "你好呀", "今天天气不错"], ["吃了吗", "还没有"]] * 50)
    train_loader = DataLoader(samples[:80], batch_size=8, shuffle=True, collate_fn=collate_fn)
    test_loader = DataLoader(samples[80:], batch_size=8, collate_fn=collate_fn)
    for epoch in range(3):
        train_loss = train_epoch(model, device, train_loader, optimizer)
        val_loss, ppl = evaluate(model, device, test_loader)
        print(f"epoch {epoch}: train {train_loss:.3f} val {val_loss:.3f} ppl {ppl:.1f}")


if __name__ == "__main__":
    main()
