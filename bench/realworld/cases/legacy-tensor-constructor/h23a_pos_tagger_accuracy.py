# source: https://github.com/bentrevett/pytorch-pos-tagging/issues/2
# error: RuntimeError: Expected object of type torch.cuda.LongTensor but found type torch.FloatTensor for argument #2 'other'
# pattern: legacy-tensor-constructor
# shape: helper, loader-loop, batch-dict
# bug-lines: 38
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class BiLSTMTagger(nn.Module):
    def __init__(self, vocab_size, tag_size, emb_dim=100, hid_dim=128, pad_idx=0):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, emb_dim, padding_idx=pad_idx)
        self.lstm = nn.LSTM(emb_dim, hid_dim, num_layers=2, bidirectional=True)
        self.fc = nn.Linear(hid_dim * 2, tag_size)
        self.dropout = nn.Dropout(0.25)

    def forward(self, text):
        embedded = self.dropout(self.embedding(text))
        outputs, _ = self.lstm(embedded)
        return self.fc(self.dropout(outputs))


def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def categorical_accuracy(preds, y, tag_pad_idx):
    """Accuracy per batch over non-padding tokens only."""
    max_preds = preds.argmax(dim=1, keepdim=True)
    non_pad_elements = (y != tag_pad_idx).nonzero()
    correct = max_preds[non_pad_elements].squeeze(1).eq(y[non_pad_elements])
    # number of real tokens as the denominator
    return correct.sum() / torch.FloatTensor([y[non_pad_elements].shape[0]])


def train(model, iterator, optimizer, criterion, tag_pad_idx):
    epoch_loss, epoch_acc = 0.0, 0.0
    model.train()
    for batch in iterator:
        text = batch["text"].to(device)
        tags = batch["udtags"].to(device)
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
    TAG_PAD_IDX = 0
    model = BiLSTMTagger(vocab_size=5000, tag_size=18).to(device)
    print(f"The model has {count_parameters(model):,} trainable parameters")
    optimizer = torch.optim.Adam(model.parameters())
    criterion = nn.CrossEntropyLoss(ignore_index=TAG_PAD_IDX).to(device)
    fake = [{"text": torch.randint(1, 5000, (30, 16)), "udtags": torch.randint(0, 18, (30, 16))} for _ in range(5)]
    print(train(model, fake, optimizer, criterion, TAG_PAD_IDX))
