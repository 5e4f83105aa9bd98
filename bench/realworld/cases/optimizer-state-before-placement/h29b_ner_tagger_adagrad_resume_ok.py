# source: https://github.com/allenai/allennlp/issues/1102
# error: TypeError: addcmul_ received an invalid combination of arguments - got (int, torch.cuda.FloatTensor, torch.cuda.FloatTensor), but expected one of: (torch.FloatTensor tensor1, torch.FloatTensor tensor2)
# pattern: optimizer-state-before-placement
# shape: class, helper, loader-loop
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
"""BiLSTM NER tagger trainer with Adagrad that can recover from its last serialized epoch."""
import os
import torch
import torch.nn as nn


class BiLstmTagger(nn.Module):
    def __init__(self, vocab_size, num_tags, emb_dim=100, hidden=200):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, emb_dim, padding_idx=0)
        self.lstm = nn.LSTM(emb_dim, hidden, batch_first=True, bidirectional=True)
        self.proj = nn.Linear(2 * hidden, num_tags)

    def forward(self, tokens):
        h, _ = self.lstm(self.embed(tokens))
        return self.proj(h)


def restore_checkpoint(serialization_dir, device):
    path = os.path.join(serialization_dir, "training_state_latest.th")
    if not os.path.exists(path):
        return None
    return torch.load(path, map_location=device)


class Trainer:
    def __init__(self, model, serialization_dir, cuda_device=0):
        self.device = torch.device(f"cuda:{cuda_device}" if cuda_device >= 0 else "cpu")
        self.model = model.to(self.device)
        self.optimizer = torch.optim.Adagrad(self.model.parameters(), lr=0.05)
        self.serialization_dir = serialization_dir
        self.epoch = 0
        state = restore_checkpoint(serialization_dir, self.device)
        if state is not None:
            self.model.load_state_dict(state["model"])
            self.optimizer.load_state_dict(state["optimizer"])
            self.epoch = state["epoch"] + 1

    def train_epoch(self, batches):
        self.model.train()
        for tokens, tags in batches:
            tokens, tags = tokens.to(self.device), tags.to(self.device)
            logits = self.model(tokens)
            loss = nn.functional.cross_entropy(logits.flatten(0, 1), tags.flatten(), ignore_index=-1)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
        torch.save({"model": self.model.state_dict(), "optimizer": self.optimizer.state_dict(),
                    "epoch": self.epoch}, os.path.join(self.serialization_dir, "training_state_latest.th"))
        self.epoch += 1
        return loss.item()


if __name__ == "__main__":
    os.makedirs("ner_run", exist_ok=True)
    batches = [(torch.randint(1, 5000, (16, 30)), torch.randint(0, 9, (16, 30))) for _ in range(10)]
    trainer = Trainer(BiLstmTagger(5000, 9), "ner_run", cuda_device=0 if torch.cuda.is_available() else -1)
    for _ in range(3):
        print(trainer.epoch, trainer.train_epoch(batches))
