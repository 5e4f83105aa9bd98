# source: https://github.com/bentrevett/pytorch-pos-tagging/issues/6 https://github.com/bentrevett/pytorch-pos-tagging/issues/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: helper, loader-loop
# bug-lines: 36
# cpu: clean
# needs: torch
import torch
import torch.nn as nn

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
TAG_PAD_IDX = 0


class BiLSTMPOSTagger(nn.Module):
    def __init__(self, vocab_size, tagset_size, emb_dim=32, hid_dim=64):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, emb_dim, padding_idx=1)
        self.lstm = nn.LSTM(emb_dim, hid_dim, bidirectional=True)
        self.fc = nn.Linear(hid_dim * 2, tagset_size)

    def forward(self, text):
        outputs, _ = self.lstm(self.embedding(text))
        return self.fc(outputs)


def make_iterator(n_batches=4, sent_len=12, batch_size=8, vocab=100, tags=18):
    for _ in range(n_batches):
        yield torch.randint(2, vocab, (sent_len, batch_size)), torch.randint(0, tags, (sent_len, batch_size))


def categorical_accuracy(preds, y, tag_pad_idx):
    max_preds = preds.argmax(dim=1, keepdim=True)
    non_pad_elements = (y != tag_pad_idx).nonzero()
    correct = max_preds[non_pad_elements].squeeze(1).eq(y[non_pad_elements])
    return correct.sum() / torch.FloatTensor([y[non_pad_elements].shape[0]])


def train(model, iterator, optimizer, criterion, tag_pad_idx):
    epoch_loss, epoch_acc = 0.0, 0.0
    model.train()
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
    return epoch_loss, epoch_acc


model = BiLSTMPOSTagger(vocab_size=100, tagset_size=18).to(device)
criterion = nn.CrossEntropyLoss(ignore_index=TAG_PAD_IDX).to(device)
optimizer = torch.optim.Adam(model.parameters())
for epoch in range(2):
    train_loss, train_acc = train(model, make_iterator(), optimizer, criterion, TAG_PAD_IDX)
    print(f"Epoch {epoch + 1:02} | Train Loss: {train_loss:.3f} | Train Acc: {train_acc:.2f}")
