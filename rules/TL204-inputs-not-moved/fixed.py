import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def generate(path, prompt, device):
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path).to(device)
    input_ids = tokenizer(prompt, return_tensors="pt").input_ids
    return model.generate(input_ids.to(device), max_new_tokens=32)  # expect: TL204:27 lines=8,7


def score(model, features):
    model.cuda()
    x = torch.tensor(features, dtype=torch.float32)
    return model(x)  # expect: TL204:18 lines=14,13


def encode(path, texts):
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path)
    model.to("cuda")
    inputs = tokenizer(texts, padding=True, return_tensors="pt")
    return model(**inputs.to("cuda"))  # expect: TL204:20 lines=22,21


# The real shapes: a helper builds the ids on the CPU, another helper runs the model
# the caller placed; a DataLoader over CPU tensors feeds a loop in a helper; a tensor
# made in forward meets the inputs of a placed model.
def token_ids(text, vocab):
    return torch.tensor([vocab.index(ch) for ch in text]).unsqueeze(0)


def run_model(model, ids):
    with torch.no_grad():
        return model(ids)


def main(path, vocab):
    model = AutoModelForCausalLM.from_pretrained(path)
    model.to("cuda")
    return run_model(model, token_ids("hello", vocab))  # expect: TL204:29 lines=30,35,40


def evaluate(model, loader):
    for features, labels in loader:
        yield model(features), labels  # expect: TL204:21 lines=63,61


class Recurrent(torch.nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.hidden = hidden
        self.cell = torch.nn.Linear(2 * hidden, hidden)

    def forward(self, x):
        state = torch.zeros(x.shape[0], self.hidden)  # expect: TL204:17 lines=68,57
        return self.cell(torch.cat([x, state], dim=-1))


def train(device):
    model = Recurrent(8).to(device)
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(torch.randn(16, 8), torch.randint(0, 2, (16,))),
        batch_size=4,
    )
    for _ in evaluate(model, loader):
        pass
    return model(torch.randn(4, 8).to(device))


class GatedCell(torch.nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.hidden = hidden
        self.cell = torch.nn.Linear(2 * hidden, hidden)

    def forward(self, x, state=None):
        if state is None:
            # The first step fills the state in: on the CPU.
            state = torch.zeros(x.shape[0], self.hidden)  # expect: TL204:21 lines=86,81
        return self.cell(torch.cat([x, state], dim=-1))


def first_step(device):
    model = GatedCell(8).to(device)
    return model(torch.randn(4, 8).to(device))


def train_cpu_default(device):
    # Only the CPU default is set: the factory's tensor stays on the CPU.
    torch.set_default_device("cpu")
    agent = nn.Linear(4, 1).to(device)
    obs = torch.zeros((8, 4))
    return agent(obs.to(device))  # expect: TL204:18 lines=93,92


def get_backbone(state_dict):
    model = torch.nn.Sequential(torch.nn.Conv2d(3, 16, 3), torch.nn.Flatten(), torch.nn.LazyLinear(10))
    model.load_state_dict(state_dict, strict=False)
    # The run on a GPU returns here: the model goes to cuda.
    if torch.cuda.is_available():
        return model.cuda()
    return model


def extract_features(state_dict, image):
    model = get_backbone(state_dict)
    # A container of the model's own layers is where they are.
    extractor = torch.nn.Sequential(*list(model.children())[:-1]).eval()
    pixels = torch.from_numpy(image).unsqueeze(0)
    return extractor(pixels)  # expect: TL204:22 lines=110,102


def load_chat_model(path):
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path, torch_dtype=torch.float16, device_map="auto")
    return tokenizer, model


def chat(tokenizer, model, prompt):
    # MPT-7B-chat's demo: the hooks of a device_map model move what its forward is
    # given, but generate builds its masks and positions on the ids' device first
    # (transformers warns; MPT's remote code crashes).
    input_ids = tokenizer.encode(prompt, return_tensors="pt")
    return model.generate(input_ids.to(model.device), max_new_tokens=32)  # expect: TL204:27 lines=124,116


def demo(path):
    tokenizer, model = load_chat_model(path)
    return chat(tokenizer, model, "hello")


class FourierFeatures(torch.nn.Module):
    # random-fourier-features: the frequencies are made on the CPU and scaled by
    # plain numbers the analysis cannot see (still a CPU tensor, whatever they are).
    def __init__(self, sigma, m):
        super().__init__()
        self.sigma, self.m = sigma, m
        self.proj = torch.nn.Linear(2 * m, 16)

    def forward(self, v):
        j = torch.arange(self.m)  # expect: TL204:13 lines=149,144
        coeffs = 2 * self.sigma ** (j / self.m)
        vp = coeffs * v.unsqueeze(-1)
        return self.proj(torch.cat((vp.cos(), vp.sin()), dim=-1).flatten(-2))


def encode(coords, device):
    return FourierFeatures(10.0, 8).to(device)(coords.to(device))


def minibatches(x, y, size):
    # Dive-into-DL's data_iter: a generator; a loop over its call gets what it yields.
    for i in range(0, len(x), size):
        yield x[i : i + size], y[i : i + size]


def fit(model, x, y):
    for xb, yb in minibatches(x, y, 10):
        torch.nn.functional.mse_loss(model(xb), yb).backward()  # expect: TL204:9 lines=164,164


def regression():
    fit(torch.nn.Linear(4, 1).to("cuda"), torch.randn(100, 4), torch.randn(100, 1))  # expect: TL204:43 lines=164,160,164


class Forecaster:
    # darts' shape: the validation loader exists only when a validation set is given,
    # and its batches are not moved (the training ones are).
    def __init__(self, device):
        self.device = device
        self.model = torch.nn.Linear(12, 3).to(device)

    def fit(self, train_set, val_set=None):
        train_loader = torch.utils.data.DataLoader(train_set, batch_size=16)
        val_loader = torch.utils.data.DataLoader(val_set, batch_size=16) if val_set else None
        for x, y in train_loader:
            self.model(x.to(self.device))
        if val_loader is not None:
            for x, y in val_loader:
                self.model(x)  # expect: TL204:28 lines=185,172


def forecast(device):
    windows = torch.sin(torch.linspace(0, 20, 400)).unfold(0, 15, 1)
    data = torch.utils.data.TensorDataset(windows[:, :12], windows[:, 12:])
    Forecaster(device).fit(data, data)


class VisionEncoder(torch.nn.Module):
    # TensorRT-LLM's Qwen2-VL shape: the wrapper is never moved, its vision tower is
    # placed in __init__, and the processor's CPU pixels only get its dtype.
    def __init__(self, device, dtype):
        super().__init__()
        self.visual = torch.nn.Linear(12, 24).to(device=device, dtype=dtype)

    def forward(self, pixel_values):
        return self.visual(pixel_values.to(self.visual.weight.dtype))  # expect: TL204:28 lines=203,195,198


def encode_images(device):
    encoder = VisionEncoder(device, torch.bfloat16)
    return encoder(torch.rand(16, 12))


class GuidedAttentionLoss(torch.nn.Module):
    # Mozilla TTS: the loss has no weights and is never moved; a static helper builds
    # a grid from the lengths of the batch with torch.arange (on the CPU) and divides
    # it by those lengths, which are on the GPU.
    def forward(self, att_ws, ilens, olens):
        masks = torch.zeros_like(att_ws)
        for idx, (ilen, olen) in enumerate(zip(ilens, olens)):
            masks[idx, :olen, :ilen] = self._mask(ilen, olen)
        return (masks * att_ws).mean()

    @staticmethod
    def _mask(ilen, olen):
        grid_x, grid_y = torch.meshgrid(torch.arange(olen), torch.arange(ilen), indexing="ij")  # expect: TL204:41 lines=224,219; TL204:61 lines=224,219
        return 1.0 - torch.exp(-((grid_y.float() / ilen - grid_x.float() / olen) ** 2))


def guided_loss(device):
    criterion = GuidedAttentionLoss()
    ilens, olens = torch.tensor([7, 5]).to(device), torch.tensor([12, 9]).to(device)
    return criterion(torch.rand(2, 12, 7, device=device), ilens, olens)
