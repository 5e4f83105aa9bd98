# MiniCPM-V LoRA fine-tuning, as in the report that started torchlint: the model is
# loaded, cast to half, wrapped with LoRA and never placed (the script relied on the
# training loop to do it). The batch is on the GPU, the weights are not.
import torch
import torch.nn as nn
from peft import LoraConfig, get_peft_model
from transformers import AutoModel, CLIPVisionModel


def train(model_path, batches, local_rank):
    device = torch.device("cuda", local_rank)
    model = AutoModel.from_pretrained(model_path, trust_remote_code=True)
    model = model.half()  # expect: TL201:13 lines=14,16,17
    model = get_peft_model(model, LoraConfig(r=64, target_modules=["q_proj", "v_proj"]))
    for batch in batches:
        pixel_values = batch["pixel_values"].to(device)
        loss = model(pixel_values)
        loss.backward()


def caption(path, images):
    # A bfloat16 cast with .to(dtype): still no device.
    vision_tower = CLIPVisionModel.from_pretrained(path)
    vision_tower.to(torch.bfloat16)  # expect: TL201:5 lines=25,26
    images = images.cuda()
    return vision_tower(images)


def load_in_half(path, image, device):
    # torch_dtype= casts while loading; without device_map nothing places it.
    model = AutoModel.from_pretrained(path, torch_dtype=torch.float16)  # expect: TL201:45 lines=32,32
    return model.generate(image.to(device))


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(512, 10)

    def forward(self, x):
        return self.fc(x)


def classify(features):
    # The first weighted layer is a Linear: the run says "Expected all tensors to be
    # on the same device", and so does the message.
    model = Classifier().half()  # expect: TL201:13 lines=48,48
    return model(features.cuda().half())


def classify_parallel(features):
    # DataParallel moves the module to the GPU itself when it sees one device; with
    # more than one, the call fails (the message says so, as TL203 reasons).
    model = nn.DataParallel(Classifier().half())  # expect: TL201:29 lines=54,55,55
    return model(features.cuda().half())


DEVICE = "cuda" if torch.cuda.is_available() else "cpu"


def load_chat_model(path):
    # ChatGLM's demo: cast to half in a loader helper and never placed, while the
    # prompt is made on the GPU (not moved there) in another helper.
    model = AutoModel.from_pretrained(path, trust_remote_code=True).half()  # expect: TL201:13 lines=69,70
    return model.eval()


def reply(model, ids):
    input_ids = torch.tensor([ids], device=DEVICE)
    return model(input_ids=input_ids).logits


def chat(path, prompts):
    model = load_chat_model(path)
    return [reply(model, ids) for ids in prompts]


class Encoder:
    # CogKit's pre-encoding: the VAE is kept off the GPU to save memory, but the
    # images it encodes are moved there, inside a Dataset's __getitem__.
    def __init__(self, path, device):
        self.device = device
        self.vae = AutoModel.from_pretrained(path).to(dtype=torch.bfloat16)  # expect: TL201:20 lines=86,86

    def encode(self, image):
        return self.vae(image.to(self.device, dtype=torch.bfloat16))


class EncodedImages(torch.utils.data.Dataset):
    def __init__(self, encoder, images):
        self.encoder, self.images = encoder, images

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        return self.encoder.encode(self.images[i]).to("cpu")


def pre_encode(path, images):
    encoder = Encoder(path, torch.device("cuda"))
    return list(torch.utils.data.DataLoader(EncodedImages(encoder, images), batch_size=2))


class ControlNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.cond = nn.Conv2d(3, 4, 3, padding=1)

    @classmethod
    def load(cls, path, torch_dtype=torch.float32):
        net = cls()
        net.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
        return net.to(torch_dtype)  # expect: TL201:16 lines=124,124

    def forward(self, cond):
        return self.cond(cond)


def control(path, image):
    # The classmethod casts the net to the dtype it is handed (reported there), and
    # nothing moves it.
    net = ControlNet.load(path, torch_dtype=torch.float16)
    return net(image.to("cuda", dtype=torch.float16))


class AdapterPipeline:
    # InstantID's shape: a loader method sets the projection model through a second
    # method of the same object; __call__ moves the embeddings, never the model.
    def __init__(self, dtype=torch.float16):
        self.dtype = dtype

    def load_adapter(self):
        self.set_projection()

    def set_projection(self):
        self.proj = nn.Linear(16, 32).to(dtype=self.dtype)  # expect: TL201:21 lines=140,140

    def __call__(self, embeds):
        return self.proj(embeds.to("cuda", dtype=self.dtype))


def project(embeds):
    pipe = AdapterPipeline()
    pipe.load_adapter()
    return pipe(embeds)


class Captioner(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 4, stride=4)

    def describe(self, image, prompt_ids):
        return self.stem(image).mean() + prompt_ids.sum()


CAPTION_DTYPE = torch.bfloat16


def prepare(pixels, ids):
    return {"image": torch.from_numpy(pixels), "prompt_ids": torch.tensor(ids)}


def caption_script(pixels, ids, device):
    # The batch is rebuilt key by key, floating entries moved and cast, the others
    # only moved: every entry is on the GPU, the model (cast only) is not.
    captioner = Captioner().to(CAPTION_DTYPE)  # expect: TL201:17 lines=171,155
    batch = prepare(pixels, ids)
    batch = {
        key: t.to(device=device, dtype=CAPTION_DTYPE) if t.is_floating_point() else t.to(device)
        for key, t in batch.items()
    }
    return captioner.describe(**batch)


def to_gpu(sample):
    # Whatever is a tensor goes to the GPU; file names and sizes pass as they are.
    return {k: v.cuda() if isinstance(v, torch.Tensor) else v for k, v in sample.items()}


def segment_all(samples, path):
    segmenter = AutoModel.from_pretrained(path, torch_dtype=torch.float16)  # expect: TL201:49 lines=179,184
    return [segmenter(**to_gpu(sample)) for sample in samples]
