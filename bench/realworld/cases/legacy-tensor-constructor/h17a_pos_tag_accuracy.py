# source: https://github.com/bentrevett/pytorch-pos-tagging/pull/5
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: helper, loader-loop
# bug-lines: 28
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class BiLSTMTagger(nn.Module):
    def __init__(self, vocab_size, tagset_size, emb_dim=100, hidden=128, pad_idx=0):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, emb_dim, padding_idx=pad_idx)
        self.lstm = nn.LSTM(emb_dim, hidden, num_layers=2, bidirectional=True)
        self.fc = nn.Linear(hidden * 2, tagset_size)

    def forward(self, text):
        outputs, _ = self.lstm(self.embedding(text))
        return self.fc(outputs)


def categorical_accuracy(preds, y, tag_pad_idx):
    max_preds = preds.argmax(dim=1, keepdim=True)
    non_pad = (y != tag_pad_idx).nonzero()
    correct = max_preds[non_pad].squeeze(1).eq(y[non_pad])
    return correct.sum() / torch.FloatTensor([y[non_pad].shape[0]])


def train_epoch(model, iterator, optimizer, criterion, tag_pad_idx, device):
    model.train()
    epoch_loss, epoch_acc = 0.0, 0.0
    for text, tags in iterator:
        text, tags = text.to(device), tags.to(device)
        optimizer.zero_grad()
        predictions = model(text)
        predictions = predictions.view(-1, predictions.shape[-1])
        tags = tags.view(-1)
        loss = criterion(predictions, tags)
        acc = categorical_accuracy(predictions, tags, tag_pad_idx)
        loss.backward()
        optimizer.step()
        epoch_loss += loss.item()
        epoch_acc += acc.item()
    return epoch_loss / len(iterator), epoch_acc / len(iterator)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    TAG_PAD_IDX = 0
    model = BiLSTMTagger(vocab_size=20000, tagset_size=18).to(device)
    optimizer = torch.optim.Adam(model.parameters())
    criterion = nn.CrossEntropyLoss(ignore_index=TAG_PAD_IDX).to(device)
    fake_batches = [(torch.randint(1, 20000, (40, 32)), torch.randint(1, 18, (40, 32)))
                    for _ in range(10)]
    print(train_epoch(model, fake_batches, optimizer, criterion, TAG_PAD_IDX, device))
