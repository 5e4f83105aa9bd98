# source: https://github.com/buppt/ChineseNER/issues/17
# error: RuntimeError: Input and hidden tensors are not at the same device, found input tensor at cuda:0 and hidden tensor at cpu
# pattern: tensor-attribute-not-buffer
# shape: class
# bug-lines: 24, 28, 32
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F

START, STOP = "<START>", "<STOP>"


class BiLSTMTagger(nn.Module):
    def __init__(self, vocab_size, tag_to_ix, embedding_dim=100, hidden_dim=128, batch_size=1):
        super().__init__()
        self.hidden_dim = hidden_dim
        self.batch_size = batch_size
        self.tagset_size = len(tag_to_ix)
        self.word_embeds = nn.Embedding(vocab_size, embedding_dim)
        self.lstm = nn.LSTM(embedding_dim, hidden_dim // 2, num_layers=1, bidirectional=True, batch_first=True)
        self.hidden2tag = nn.Linear(hidden_dim, self.tagset_size)
        self.hidden = self.init_hidden()

    def init_hidden(self):
        shape = (2, self.batch_size, self.hidden_dim // 2)
        return torch.randn(*shape), torch.randn(*shape)

    def _get_lstm_features(self, sentence):
        embeds = self.word_embeds(sentence).view(self.batch_size, -1, self.word_embeds.embedding_dim)
        lstm_out, _ = self.lstm(embeds, self.hidden)
        return self.hidden2tag(lstm_out)

    def neg_log_likelihood(self, sentence, tags):
        feats = self._get_lstm_features(sentence)
        return F.cross_entropy(feats.view(-1, self.tagset_size), tags.view(-1))

    def forward(self, sentence):
        return self._get_lstm_features(sentence).argmax(-1)


def prepare_sequence(seq, to_ix):
    return torch.tensor([to_ix.get(w, 0) for w in seq], dtype=torch.long)


def train(training_data, epochs=30):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    word_to_ix = {"<unk>": 0}
    tag_to_ix = {}
    for sentence, tags in training_data:
        for w in sentence:
            word_to_ix.setdefault(w, len(word_to_ix))
        for t in tags:
            tag_to_ix.setdefault(t, len(tag_to_ix))
    model = BiLSTMTagger(len(word_to_ix), tag_to_ix).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, weight_decay=1e-4)
    for epoch in range(epochs):
        for sentence, tags in training_data:
            model.zero_grad()
            sentence_in = prepare_sequence(sentence, word_to_ix).to(device)
            targets = torch.tensor([tag_to_ix[t] for t in tags], dtype=torch.long, device=device)
            loss = model.neg_log_likelihood(sentence_in, targets)
            loss.backward()
            optimizer.step()
    return model


if __name__ == "__main__":
    data = [
        ("王 小 明 在 北 京 清 华 大 学 读 书".split(), "B-PER I-PER I-PER O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG O O".split()),
        ("张 三 去 上 海 出 差".split(), "B-PER I-PER O B-LOC I-LOC O O".split()),
    ]
    train(data)
