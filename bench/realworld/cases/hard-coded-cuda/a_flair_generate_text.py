# source: https://github.com/flairNLP/flair/pull/666 https://github.com/flairNLP/flair/issues/464
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: hard-coded-cuda
# shape: class
# bug-lines: 56, 61
# cpu: clean
# needs: torch
import torch
import torch.nn as nn

# train the character LM on the second GPU
device = torch.device("cuda:1") if torch.cuda.is_available() else torch.device("cpu")


class Dictionary:
    def __init__(self, chars):
        self.idx2item = ["<unk>"] + list(chars)
        self.item2idx = {c: i for i, c in enumerate(self.idx2item)}

    def get_idx_for_item(self, item):
        return self.item2idx.get(item, 0)


class LanguageModel(nn.Module):
    def __init__(self, dictionary, hidden_size=32, nlayers=1, embedding_size=16):
        super().__init__()
        self.dictionary = dictionary
        self.hidden_size, self.nlayers = hidden_size, nlayers
        self.encoder = nn.Embedding(len(dictionary.idx2item), embedding_size)
        self.rnn = nn.LSTM(embedding_size, hidden_size, nlayers)
        self.decoder = nn.Linear(hidden_size, len(dictionary.idx2item))
        self.to(device)

    def init_hidden(self, bsz):
        weight = next(self.parameters()).detach()
        return (weight.new(self.nlayers, bsz, self.hidden_size).zero_(),
                weight.new(self.nlayers, bsz, self.hidden_size).zero_())

    def forward(self, input, hidden):
        emb = self.encoder(input)
        output, hidden = self.rnn(emb, hidden)
        return self.decoder(output), output, hidden

    def generate_text(self, prefix="\n", number_of_characters=50, temperature=1.0):
        if prefix == "":
            prefix = "\n"
        with torch.no_grad():
            characters = []
            idx2item = self.dictionary.idx2item
            hidden = self.init_hidden(1)
            if len(prefix) > 1:
                char_tensors = [torch.tensor(self.dictionary.get_idx_for_item(c)).unsqueeze(0).unsqueeze(0)
                                for c in prefix[:-1]]
                input = torch.cat(char_tensors)
                if torch.cuda.is_available():
                    input = input.cuda()
                prediction, _, hidden = self.forward(input, hidden)
            input = torch.tensor(self.dictionary.get_idx_for_item(prefix[-1])).unsqueeze(0).unsqueeze(0)
            for _ in range(number_of_characters):
                if torch.cuda.is_available():
                    input = input.cuda()
                prediction, _, hidden = self.forward(input, hidden)
                word_weights = prediction.squeeze().div(temperature).exp().cpu()
                word_idx = torch.multinomial(word_weights, 1)[0]
                input = word_idx.detach().unsqueeze(0).unsqueeze(0)
                characters.append(idx2item[word_idx])
            return prefix + "".join(characters)


if __name__ == "__main__":
    lm = LanguageModel(Dictionary("abcdefghijklmnopqrstuvwxyz \n"))
    lm.eval()
    print(repr(lm.generate_text("the quick brown ", number_of_characters=20)))
