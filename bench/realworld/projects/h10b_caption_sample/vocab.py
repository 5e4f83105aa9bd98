# source: https://github.com/yunjey/pytorch-tutorial/issues/249
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# needs: none
# cpu: no written where torch was not installed; not run
import pickle


class Vocabulary:
    """Simple word <-> index mapping built from the COCO captions."""

    def __init__(self):
        self.word2idx = {}
        self.idx2word = {}
        self.idx = 0

    def add_word(self, word):
        if word not in self.word2idx:
            self.word2idx[word] = self.idx
            self.idx2word[self.idx] = word
            self.idx += 1

    def __call__(self, word):
        return self.word2idx.get(word, self.word2idx["<unk>"])

    def __len__(self):
        return len(self.word2idx)


def load_vocab(path):
    with open(path, "rb") as f:
        return pickle.load(f)


def ids_to_sentence(vocab, word_ids):
    words = []
    for word_id in word_ids:
        word = vocab.idx2word[word_id]
        words.append(word)
        if word == "<end>":
            break
    return " ".join(words)
