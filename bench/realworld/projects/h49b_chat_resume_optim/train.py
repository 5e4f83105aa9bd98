# source: https://github.com/pytorch/pytorch/pull/3463
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 31, 32
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train (or resume) the seq2seq chatbot on tokenised query/reply pairs."""
import argparse

import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader

import checkpoint
from model import Seq2SeqChatbot


def collate(pairs, pad_id=0, bos_id=1, eos_id=2):
    query = pad_sequence([torch.tensor(q) for q, _ in pairs], batch_first=True, padding_value=pad_id)
    reply = [torch.tensor([bos_id] + r + [eos_id]) for _, r in pairs]
    reply = pad_sequence(reply, batch_first=True, padding_value=pad_id)
    return {"query": query, "reply_in": reply[:, :-1], "reply_out": reply[:, 1:]}


def main(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    data = torch.load(args.pairs)
    model = Seq2SeqChatbot(vocab_size=len(data["vocab"]))
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    start_epoch, iteration, _ = checkpoint.restore(args.resume, model, optimizer)
    model.to(device)
    model.train()

    loader = DataLoader(data["pairs"], batch_size=args.batch_size, shuffle=True, collate_fn=collate)
    for epoch in range(start_epoch, args.epochs):
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = model.loss(batch["query"], batch["reply_in"], batch["reply_out"])
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 50.0)
            optimizer.step()
            iteration += 1
            if iteration % args.save_every == 0:
                checkpoint.save(f"{args.save_dir}/{iteration}_checkpoint.tar",
                                model, optimizer, epoch, iteration, data["vocab"])
        print(f"epoch {epoch} done, last loss {loss.item():.3f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", required=True)
    parser.add_argument("--resume", default=None)
    parser.add_argument("--save_dir", default="checkpoints")
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--batch_size", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--save_every", type=int, default=2000)
    main(parser.parse_args())
